/**
 * What the delivery-ladder integration tests share: a server environment with short windows,
 * a real push service and a real SMTP server behind it, push subscriptions stored the way a
 * browser stores them (POST /api/push/subscriptions), and the alert's delivery record read back through the inbox API as the detail view reads it.
 */
import { generateVapidKeys } from "~/cli/commands/vapid";
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
    PUSH_ENDPOINT_HOSTS: "127.0.0.1",
    SMTP_URL: smtp.url,
    EMAIL_FROM: "Beacon <alerts@beacon.test>",
    APP_URL: "https://beacon.test",
    ...overrides,
  };
}

/** What a browser does when push is turned on: POST its PushSubscription JSON (session cookie). */
export async function subscribe(server: Pick<BeaconServer, "url">, token: string, subscription: TestSubscription): Promise<void> {
  const response = await fetch(`${server.url}/api/push/subscriptions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `auth_token=${token}` },
    body: JSON.stringify({ ...subscription, device: "Test browser" }),
  });
  if (response.status !== 201) throw new Error(`POST /api/push/subscriptions answered ${response.status}: ${await response.text()}`);
}

/** The endpoints of the user's push devices, as the settings page lists them. */
export async function pushEndpointsOf(server: Pick<BeaconServer, "url">, token: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/push/subscriptions`, { headers: { cookie: `auth_token=${token}` } });
  if (response.status !== 200) throw new Error(`GET /api/push/subscriptions answered ${response.status}`);
  return ((await response.json()) as { subscriptions: Array<{ endpoint: string }> }).subscriptions.map((s) => s.endpoint);
}

/** GET /api/inbox/:id as the user: the delivery record the detail view shows. */
export async function deliveriesOf(server: Pick<BeaconServer, "url">, token: string, alertId: string): Promise<DeliveryRecord[]> {
  const response = await fetch(`${server.url}/api/inbox/${alertId}`, { headers: { cookie: `auth_token=${token}` } });
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
