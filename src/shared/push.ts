/**
 * Web Push as both sides see it: the subscription a browser hands the server (the
 * PushSubscription JSON), and the payload the service worker (public/sw.js) receives,
 * encrypted, and turns into a notification.
 */
import { z } from "zod";
import { SafeUrlSchema, ServiceSchema, SeveritySchema } from "./alert";

/** What `PushSubscription.toJSON()` gives in the browser; POST /api/push/subscriptions takes it. */
export const PushSubscriptionInputSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, base64url (65 bytes uncompressed). */
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key"),
    /** The 16-byte auth secret, base64url. */
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, "must be a base64url 16-byte secret"),
  }),
  /** A label for the settings page ("Chrome on Linux"); the browser's user agent by default. */
  device: z.string().trim().min(1).max(200).optional(),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInputSchema>;

/** The decrypted push message body; kept small (push services cap payloads near 4 KB). */
export const PushPayloadSchema = z.object({
  alertId: z.string(),
  service: ServiceSchema,
  severity: SeveritySchema,
  title: z.string(),
  body: z.string(),
  /** Where a click on the notification opens the app (the alert's page). */
  url: SafeUrlSchema,
  icon: z.string().optional(),
  /** The service worker POSTs `{ "channel": "push" }` here once it showed the notification. */
  ackUrl: z.string(),
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;

/** DELETE /api/push/subscriptions: which of the user's subscriptions to remove. */
export const PushUnsubscribeSchema = z.strictObject({
  endpoint: z.string().min(1).max(2048),
});

/** One of the user's push devices as the API shows it (never the keys: the auth secret stays server-side). */
export const PushDeviceSchema = z.object({
  id: z.string(),
  endpoint: z.string(),
  device: z.string().nullable(),
  createdAt: z.string(),
});
export type PushDevice = z.infer<typeof PushDeviceSchema>;

/** GET /api/push/subscriptions */
export const PushDeviceListSchema = z.object({ subscriptions: z.array(PushDeviceSchema) });
/** POST /api/push/subscriptions (201) */
export const PushSubscribedSchema = z.object({ subscription: PushDeviceSchema });
/** GET /api/push/public-key (404 `feature_disabled` when push is off on the server) */
export const PushPublicKeySchema = z.object({ publicKey: z.string() });
