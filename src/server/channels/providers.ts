/**
 * The providers behind the fallback rungs of the ladder: Web Push and email. A provider
 * makes one attempt and reports how it went; it never retries and never throws for a
 * provider's answer. Retrying with backoff, and deciding what comes next, is the ladder's
 * job (src/server/ladder/), because its state lives in the store and survives a restart.
 */
import type { PushPayload } from "../../shared/push";

export type SendResult =
  /** The provider took it (push service 201, SMTP 250, or written to the outbox). `id` names the message. */
  | { status: "sent"; id: string; detail: string }
  /** Push only: the subscription is dead (404/410); remove it and do not retry. */
  | { status: "gone"; detail: string }
  /** Worth retrying later: 429, 5xx, timeouts, connection refused. */
  | { status: "transient"; detail: string; retryAfterMs?: number }
  /** Will fail again (400/401/403/413 from the provider, a malformed address): give up on this target. */
  | { status: "rejected"; detail: string };

export interface PushSubscriptionRecord {
  id: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  device: string | null;
  createdAt: string;
}

/** Per-user, per-device Web Push subscriptions; the endpoint is unique across users. */
export interface PushSubscriptionStore {
  /** Adds or refreshes (same endpoint: keys, owner and device are replaced). */
  save(userId: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string }; device?: string | null }): Promise<PushSubscriptionRecord>;
  list(userId: string): Promise<PushSubscriptionRecord[]>;
  /** Removes this user's subscription with that endpoint; false when there was none. */
  remove(userId: string, endpoint: string): Promise<boolean>;
  /** Removes by id (the push service said 404/410). */
  removeById(id: string): Promise<void>;
}

export interface PushProvider {
  /** False when VAPID keys are not configured: push is off and the ladder goes to email. */
  readonly enabled: boolean;
  /** The VAPID public key browsers subscribe with (applicationServerKey), or null when off. */
  readonly publicKey: string | null;
  send(subscription: PushSubscriptionRecord, payload: PushPayload): Promise<SendResult>;
}

export interface EmailMessage {
  to: string;
  /** The alert it is about: every send of it carries the same Message-ID (email-compose.ts). */
  alertId: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailProvider {
  /** "smtp" with SMTP_URL; "outbox" writes .eml files under DATA_DIR/outbox on a fresh machine. */
  readonly kind: "smtp" | "outbox";
  send(message: EmailMessage): Promise<SendResult>;
}
