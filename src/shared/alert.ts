/**
 * The alert: what a service found about a user. Shared by server, browser and tests,
 * so the shape is defined once here as zod schemas and the types are inferred.
 */
import { z } from "zod";

export const SERVICES = ["darkwatch", "voiceprint", "spamshield", "hometitle", "removebrokers"] as const;
export const ServiceSchema = z.enum(SERVICES);
export type Service = z.infer<typeof ServiceSchema>;

/** Ordered from least to most urgent; the index is the rank. */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const SERVICE_LABELS: Record<Service, string> = {
  darkwatch: "DarkWatch",
  voiceprint: "VoicePrint",
  spamshield: "SpamShield",
  hometitle: "HomeTitle",
  removebrokers: "RemoveBrokers",
};

/** Limits keep one alert well under the WebSocket frame cap and readable in a toast. */
export const ALERT_LIMITS = { title: 200, teaser: 300, body: 4000, url: 2048, actionLabel: 60 } as const;

/**
 * A URL an alert may link to: absolute http(s) or an in-app path. Refuses `javascript:` and
 * friends, and any backslash, whitespace or control character: browsers rewrite `/\evil.com`
 * or `/<tab>/evil.com` into `//evil.com`, which would leave the app.
 */
export const SafeUrlSchema = z
  .string()
  .max(ALERT_LIMITS.url)
  .refine((value) => !/[\\\s\u0000-\u001f\u007f]/.test(value), { message: "must not contain backslashes, spaces or control characters" })
  .refine((value) => /^\/(?!\/)/.test(value) || isHttpUrl(value), {
    message: "must be an http(s) URL or an in-app path starting with /",
  });

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}

export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, "may contain only letters, digits and . _ : @ -");
export type UserId = z.infer<typeof UserIdSchema>;

/** What a producer hands to the publisher; the publisher adds id, userId and createdAt. */
export const AlertInputSchema = z.object({
  service: ServiceSchema,
  severity: SeveritySchema,
  title: z.string().trim().min(1).max(ALERT_LIMITS.title),
  body: z.string().trim().min(1).max(ALERT_LIMITS.body),
  teaser: z.string().trim().min(1).max(ALERT_LIMITS.teaser).optional(),
  imageUrl: SafeUrlSchema.optional(),
  actionUrl: SafeUrlSchema.optional(),
  actionLabel: z.string().trim().min(1).max(ALERT_LIMITS.actionLabel).optional(),
});
export type AlertInput = z.infer<typeof AlertInputSchema>;

export const AlertSchema = AlertInputSchema.extend({
  id: z.string().min(1).max(64),
  userId: UserIdSchema,
  createdAt: z.iso.datetime(),
  /**
   * The alert's place in its user's stream: 1, 2, 3… with no gaps, assigned when stored.
   * It is the catch-up cursor (`/ws/alerts?after=<seq>`) and the inbox page cursor.
   */
  seq: z.number().int().positive(),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * Shortens text to fit a field limit, on a word boundary when one is near, with an ellipsis.
 * Rules build titles from producer data; a long address must shorten the title, not lose the alert.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
