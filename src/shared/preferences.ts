/**
 * A user's delivery preferences: per service × channel on/off, the least severity worth a
 * push or an email, Do-Not-Disturb and quiet hours. Shared by the settings page, the API
 * and the ladder. `critical` alerts ignore all of it (see src/server/preferences/policy.ts).
 */
import { z } from "zod";
import { SERVICES, type Service, SeveritySchema } from "./alert";

export const PREFERENCE_CHANNELS = ["toast", "push", "email"] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

const ChannelSwitchesSchema = z.strictObject({ toast: z.boolean(), push: z.boolean(), email: z.boolean() });

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

/** An IANA zone the runtime knows ("Europe/Paris"); checked with Intl, so a typo is a 400, not a silent UTC. */
export const TimeZoneSchema = z.string().min(1).max(64).refine(isKnownTimeZone, { message: "must be an IANA time zone such as Europe/Paris" });

export const PreferencesSchema = z.strictObject({
  channels: z.strictObject(
    Object.fromEntries(SERVICES.map((service) => [service, ChannelSwitchesSchema])) as Record<Service, typeof ChannelSwitchesSchema>,
  ),
  minSeverity: z.strictObject({ push: SeveritySchema, email: SeveritySchema }),
  /** No toasts and no push (the badge and inbox still update); email follows its own switches. */
  doNotDisturb: z.boolean(),
  /** No push and no email between `start` and `end` in `timeZone` (may wrap past midnight). */
  quietHours: z.strictObject({ enabled: z.boolean(), start: TimeOfDaySchema, end: TimeOfDaySchema, timeZone: TimeZoneSchema }),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export function defaultPreferences(): Preferences {
  return {
    channels: Object.fromEntries(SERVICES.map((service) => [service, { toast: true, push: true, email: true }])) as Preferences["channels"],
    minSeverity: { push: "low", email: "high" },
    doNotDisturb: false,
    quietHours: { enabled: false, start: "22:00", end: "07:00", timeZone: "UTC" },
  };
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
