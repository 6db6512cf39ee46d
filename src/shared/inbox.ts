/**
 * The signed-in user's inbox as the HTTP API returns it: stored alerts with read and archive
 * state, and the delivery record of each. Shared by the API routes, the UI and the tests.
 */
import { z } from "zod";
import { AlertSchema, ServiceSchema, SeveritySchema } from "./alert";

export const CHANNEL_NAMES = ["websocket", "push", "email"] as const;
export const ChannelNameSchema = z.enum(CHANNEL_NAMES);
export type ChannelName = z.infer<typeof ChannelNameSchema>;

/**
 * How one step went:
 * - `delivered`: the channel handed it over (the user's sockets got the frame; the push
 *   service or the mail server accepted it);
 * - `acknowledged`: a tab or the service worker confirmed it was shown (ends the ladder);
 * - `unacknowledged`: delivered, but no acknowledgement came within the channel's window,
 *   so the ladder went on to the next channel;
 * - `retrying`: a transient failure; the same channel is tried again later (detail says when);
 * - `skipped`: the channel did not apply (no socket, no subscription, preferences said no);
 * - `failed`: the channel gave up (refused, expired subscription, retries exhausted).
 */
export const DELIVERY_STATUSES = ["delivered", "acknowledged", "unacknowledged", "retrying", "skipped", "failed"] as const;
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** One step of getting an alert to its user: which channel, when, and how it went. */
export const DeliveryRecordSchema = z.object({
  channel: ChannelNameSchema,
  status: DeliveryStatusSchema,
  at: z.iso.datetime(),
  /** Why it was skipped or failed, or what delivered it ("2 socket(s)"). */
  detail: z.string().nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

export const InboxItemSchema = AlertSchema.extend({
  readAt: z.iso.datetime().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/**
 * The delivery ladder's steps before it is done (server/ladder/escalation-store.ts says what
 * each one waits for).
 */
export const PENDING_LADDER_STEPS = ["socket", "push", "push_wait", "email", "email_sending"] as const;

/** Where the ladder is with an alert it has not finished: the step, and when that step's time is up. */
export const PendingEscalationSchema = z.object({
  step: z.enum(PENDING_LADDER_STEPS),
  dueAt: z.iso.datetime(),
});
export type PendingEscalation = z.infer<typeof PendingEscalationSchema>;

export const InboxDetailSchema = InboxItemSchema.extend({
  deliveries: z.array(DeliveryRecordSchema),
  /** null once the ladder is done with the alert (or never ran for it): nothing more will be recorded. */
  escalation: PendingEscalationSchema.nullable(),
});
export type InboxDetail = z.infer<typeof InboxDetailSchema>;

/**
 * The unread count and the newest seq it covers. A client adds alerts it receives with a
 * higher seq on top, so a count and a live alert crossing on the wire never double-count.
 */
export const UnreadStateSchema = z.object({
  unreadCount: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
});
export type UnreadState = z.infer<typeof UnreadStateSchema>;

const flagFromQuery = z.enum(["true", "false"]).transform((value) => value === "true");

export const INBOX_PAGE_MAX = 100;

/** GET /api/inbox query string: newest first, `before` is the seq the next page starts below. */
export const InboxQuerySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(30),
  service: ServiceSchema.optional(),
  severity: SeveritySchema.optional(),
  /** true: only unread; false or absent: read and unread. */
  unread: flagFromQuery.optional(),
  /** true: only archived; absent or false: only the ones not archived. */
  archived: flagFromQuery.optional(),
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxPageSchema = UnreadStateSchema.extend({
  items: z.array(InboxItemSchema),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: z.number().int().positive().nullable(),
});
export type InboxPage = z.infer<typeof InboxPageSchema>;

/** PATCH /api/inbox/:id */
export const InboxChangeSchema = z
  .strictObject({ read: z.boolean().optional(), archived: z.boolean().optional() })
  .refine((change) => change.read !== undefined || change.archived !== undefined, { message: "give read and/or archived" });
export type InboxChange = z.infer<typeof InboxChangeSchema>;

/** POST /api/inbox/read-all: `upTo` (a seq) keeps an alert that arrived after the click unread. */
export const ReadAllSchema = z.strictObject({ upTo: z.number().int().nonnegative().optional() });

/** POST /api/inbox/:id/ack: which channel showed the alert (the service worker says "push"). */
export const AckRequestSchema = z.strictObject({ channel: z.enum(["websocket", "push"]) });
export type AckRequest = z.infer<typeof AckRequestSchema>;
