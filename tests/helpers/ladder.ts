/**
 * What the delivery-ladder integration tests share: a server environment with short windows,
 * a real push service and a real SMTP server behind it, push subscriptions written into the
 * server's own store (SQLite file or PostgreSQL schema) through the real subscription store,
 * and the alert's delivery record read back through the inbox API as the detail view reads it.
 */
import { join } from "node:path";
import { generateVapidKeys } from "~/cli/commands/vapid";
import type { PushSubscriptionStore } from "~/server/channels/providers";
import { createPostgresStore } from "~/server/store/postgres";
import { createPushSubscriptionStore } from "~/server/store/push-subscriptions";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";
import type { DeliveryRecord } from "~/shared/inbox";
import type { BeaconServer } from "./beacon-server";
import type { PushService, TestSubscription } from "./push-service";
import type { SmtpTestServer } from "./smtp-server";

export const LADDER_VAPID = { ...generateVapidKeys(), subject: "mailto:security@beacon.test" };

export function ladderEnv(push: PushService, smtp: SmtpTestServer, overrides: Record<string, string> = {}): Record<string, string> {
  void push; // the push service needs no config: each subscription carries its endpoint
  return {
    ACK_WINDOW_MS: "600",
    PUSH_ACK_WINDOW_MS: "900",
    LADDER_POLL_MS: "100",
    LADDER_RETRY_BASE_MS: "100",
    LADDER_LEASE_MS: "2000",
    VAPID_PUBLIC_KEY: LADDER_VAPID.publicKey,
    VAPID_PRIVATE_KEY: LADDER_VAPID.privateKey,
    VAPID_SUBJECT: LADDER_VAPID.subject,
    PUSH_ALLOW_HTTP_ENDPOINTS: "true",
    SMTP_URL: smtp.url,
    EMAIL_FROM: "Beacon <alerts@beacon.test>",
    APP_URL: "https://beacon.test",
    ...overrides,
  };
}

/** A second handle on the server's store (its SQLite file, or its PostgreSQL schema) with the real subscription store over it. */
export function subscriptionsOf(server: BeaconServer, databaseUrl?: string): { subscriptions: PushSubscriptionStore; close(): Promise<void> } {
  const store: AlertStore = databaseUrl ? createPostgresStore(databaseUrl) : createSqliteStore(join(server.dataDir, "beacon.sqlite"));
  return { subscriptions: createPushSubscriptionStore(store), close: () => store.close() };
}

export async function subscribe(subscriptions: PushSubscriptionStore, userId: string, subscription: TestSubscription): Promise<string> {
  const record = await subscriptions.save(userId, { endpoint: subscription.endpoint, keys: subscription.keys, device: "Test browser" });
  return record.id;
}

/** GET /api/inbox/:id as the user: the delivery record the detail view shows. */
export async function deliveriesOf(server: Pick<BeaconServer, "url">, token: string, alertId: string): Promise<DeliveryRecord[]> {
  const response = await fetch(`${server.url}/api/inbox/${alertId}?token=${encodeURIComponent(token)}`);
  if (response.status !== 200) throw new Error(`GET /api/inbox/${alertId} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { item: { deliveries: DeliveryRecord[] } }).item.deliveries;
}

/** [channel, status] pairs, in order: what the timeline says, without times and details. */
export function steps(records: readonly DeliveryRecord[]): string[] {
  return records.map((record) => `${record.channel} ${record.status}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
