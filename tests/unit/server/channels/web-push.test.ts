/**
 * The Web Push provider against a real local push service (tests/helpers/push-service.ts):
 * the request is real HTTP, the VAPID JWT is verified and the payload decrypted with the
 * browser-side keys, so these pass only if a real push service would accept what we send.
 */
import { createServer, type Server } from "node:net";
import { importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVapidKeys } from "~/cli/commands/vapid";
import { pushPayloadFor } from "~/server/channels/push-payload";
import type { PushSubscriptionRecord } from "~/server/channels/providers";
import { createWebPushProvider, retryAfter } from "~/server/channels/web-push";
import type { Alert } from "~/shared/alert";
import { PushPayloadSchema } from "~/shared/push";
import { type PushService, startPushService, type TestSubscription } from "../../../helpers/push-service";

const keys = generateVapidKeys();
const vapid = { ...keys, subject: "mailto:security@beacon.test" };
const APP_URL = "https://beacon.example";

const alert: Alert = {
  id: "01JALERT0000000000000000AA",
  userId: "bob",
  seq: 7,
  service: "darkwatch",
  severity: "critical",
  title: "Your password was found in a leak",
  body: "The Acme leak lists bob@example.com with a password. Change it now.",
  createdAt: "2026-11-29T12:00:00.000Z",
};

function record(subscription: TestSubscription): PushSubscriptionRecord {
  return { id: "ps_test", userId: "bob", endpoint: subscription.endpoint, keys: subscription.keys, device: null, createdAt: new Date().toISOString() };
}

let push: PushService;
beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  await push.close();
});

describe("Web Push provider", () => {
  const provider = createWebPushProvider({ vapid, endpoints: { allowHttp: true, hosts: null }, timeoutMs: 1000 });

  it("delivers a VAPID-signed, encrypted payload the service worker can read, and names the message", async () => {
    const subscription = push.subscription({ applicationServerKey: keys.publicKey });
    const payload = pushPayloadFor(alert, APP_URL);
    const result = await provider.send(record(subscription), payload);

    expect(result).toMatchObject({ status: "sent" });
    expect(result.status === "sent" && result.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = push.received().filter((message) => message.endpoint === subscription.endpoint);
    expect(got).toHaveLength(1);
    expect(PushPayloadSchema.parse(got[0]!.payload)).toEqual(payload);
    expect(got[0]).toMatchObject({ urgency: "high", ttl: 86_400, topic: alert.id, vapid: { subject: vapid.subject, publicKey: keys.publicKey } });
    expect(provider).toMatchObject({ enabled: true, publicKey: keys.publicKey });
  });

  it("names each alert's messages with one topic, so a resend replaces the copy a push service holds for an offline device", async () => {
    const subscription = push.subscription();
    // Ids Beacon makes are used as they are; any other id becomes a topic a push service accepts (RFC 8030: ≤ 32 base64url characters).
    const odd = { ...alert, id: "imported/alert:2026-11-29T12:00:00Z#0001-with-a-long-tail" };
    for (const each of [alert, alert, odd, odd]) {
      expect(await provider.send(record(subscription), pushPayloadFor(each, APP_URL))).toMatchObject({ status: "sent" });
    }
    const topics = push.received().filter((message) => message.endpoint === subscription.endpoint).map((message) => message.topic);
    expect(topics).toHaveLength(4);
    expect(topics[0]).toBe(alert.id);
    expect(topics[1]).toBe(alert.id);
    expect(topics[2]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(topics[3]).toBe(topics[2]);
  });

  it("sends low-severity alerts with low urgency, so a sleeping phone is not woken for them", async () => {
    const subscription = push.subscription();
    await provider.send(record(subscription), pushPayloadFor({ ...alert, severity: "info" }, APP_URL));
    expect(push.received().find((message) => message.endpoint === subscription.endpoint)?.urgency).toBe("low");
  });

  it("is refused (rejected, not retried) when signed with keys the subscription was not made for", async () => {
    const other = generateVapidKeys();
    const subscription = push.subscription({ applicationServerKey: other.publicKey });
    const result = await provider.send(record(subscription), pushPayloadFor(alert, APP_URL));
    expect(result).toMatchObject({ status: "rejected", detail: expect.stringContaining("403") });
    expect(push.refused().at(-1)).toMatchObject({ endpoint: subscription.endpoint, status: 403 });
  });

  it.each([404, 410])("reports %i as gone, so the ladder removes the subscription", async (status) => {
    const subscription = push.subscription();
    push.respondWith(subscription.endpoint, status);
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({ status: "gone" });
  });

  it("reports 500 as transient", async () => {
    const subscription = push.subscription();
    push.respondWith(subscription.endpoint, [500]);
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({ status: "transient", detail: expect.stringContaining("500") });
    // The list is used once: the retry goes through.
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({ status: "sent" });
  });

  it("reports 429 as transient and honours Retry-After", async () => {
    const subscription = push.subscription();
    push.respondWith(subscription.endpoint, 429, { retryAfter: "7" });
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toEqual({
      status: "transient",
      detail: expect.stringContaining("429"),
      retryAfterMs: 7000,
    });
  });

  it("reports other 4xx answers as rejected", async () => {
    const subscription = push.subscription();
    push.respondWith(subscription.endpoint, 400);
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({ status: "rejected" });
  });

  it("gives up on a push service that does not answer within the timeout, as transient", async () => {
    const subscription = push.subscription();
    push.respondWith(subscription.endpoint, "hang");
    const started = Date.now();
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({
      status: "transient",
      detail: expect.stringContaining("no answer within 1000 ms"),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("reports a refused connection as transient", async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const subscription = { ...push.subscription(), endpoint: `http://127.0.0.1:${port}/push/gone-server` };
    expect(await provider.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({
      status: "transient",
      detail: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("refuses http:// endpoints unless allowed, without sending anything", async () => {
    const strict = createWebPushProvider({ vapid });
    const subscription = push.subscription();
    const before = push.received().length + push.refused().length;
    expect(await strict.send(record(subscription), pushPayloadFor(alert, APP_URL))).toMatchObject({
      status: "rejected",
      detail: expect.stringContaining("http:"),
    });
    expect(push.received().length + push.refused().length).toBe(before);
  });

  it("refuses an endpoint on a host its policy does not list, without sending anything", async () => {
    const listed = createWebPushProvider({ vapid, endpoints: { allowHttp: true, hosts: ["fcm.googleapis.com"] } });
    const subscription = push.subscription();
    const before = push.received().length + push.refused().length;
    expect(await listed.send(record(subscription), pushPayloadFor(alert, APP_URL))).toEqual({
      status: "rejected",
      detail: "refusing this push endpoint: 127.0.0.1 is not a known push service (PUSH_ENDPOINT_HOSTS lists the accepted ones)",
    });
    expect(push.received().length + push.refused().length).toBe(before);
  });

  it("is off, and says so, without VAPID keys", async () => {
    const off = createWebPushProvider({ vapid: null });
    expect(off).toMatchObject({ enabled: false, publicKey: null });
    expect(await off.send(record(push.subscription()), pushPayloadFor(alert, APP_URL))).toMatchObject({
      status: "rejected",
      detail: expect.stringContaining("not configured"),
    });
  });
});

describe("the local push service itself", () => {
  /** A VAPID header signed with our key, with claims a test chooses. */
  async function vapidHeader(claims: Record<string, unknown>): Promise<string> {
    const point = Buffer.from(keys.publicKey, "base64url");
    const key = await importJWK(
      { kty: "EC", crv: "P-256", d: keys.privateKey, x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
      "ES256",
    );
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT" }).sign(key);
    return `vapid t=${jwt}, k=${keys.publicKey}`;
  }
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  it.each([
    ["another push service's audience", () => ({ aud: "https://fcm.googleapis.com", exp: inAnHour(), sub: vapid.subject }), /aud/],
    ["an expired token", () => ({ aud: push.url, exp: Math.floor(Date.now() / 1000) - 60, sub: vapid.subject }), /exp/],
    ["a token valid for more than 24 hours", () => ({ aud: push.url, exp: inAnHour() + 48 * 3600, sub: vapid.subject }), /24 hours/],
    ["no subject", () => ({ aud: push.url, exp: inAnHour() }), /sub/],
  ])("refuses VAPID with %s", async (_name, claims, reason) => {
    const subscription = push.subscription();
    const response = await fetch(subscription.endpoint, {
      method: "POST",
      headers: { authorization: await vapidHeader(claims()), ttl: "60", "content-encoding": "aes128gcm" },
      body: "x",
    });
    expect(response.status).toBe(401);
    expect(push.refused().at(-1)?.reason).toMatch(reason);
  });

  it("refuses a body it cannot decrypt with the subscription's keys", async () => {
    const subscription = push.subscription();
    const response = await fetch(subscription.endpoint, {
      method: "POST",
      headers: { authorization: await vapidHeader({ aud: push.url, exp: inAnHour(), sub: vapid.subject }), ttl: "60", "content-encoding": "aes128gcm" },
      body: new Uint8Array(120),
    });
    expect(response.status).toBe(400);
    expect(push.refused().at(-1)?.reason).toMatch(/could not decrypt/);
  });

  it("refuses a request without a valid VAPID signature", async () => {
    const subscription = push.subscription();
    const response = await fetch(subscription.endpoint, {
      method: "POST",
      headers: { authorization: `vapid t=not.a.jwt, k=${keys.publicKey}`, ttl: "60", "content-encoding": "aes128gcm" },
      body: "x",
    });
    expect(response.status).toBe(401);
    expect(push.refused().at(-1)?.reason).toMatch(/VAPID JWT rejected/);
  });
});

describe("push payload", () => {
  it("links the alert's page in the app and acks through the inbox API", () => {
    const payload = pushPayloadFor({ ...alert, teaser: "Acme leak: password" }, `${APP_URL}/`);
    expect(payload).toEqual({
      alertId: alert.id,
      service: "darkwatch",
      severity: "critical",
      title: alert.title,
      body: "Acme leak: password",
      url: `${APP_URL}/alerts/${alert.id}`,
      icon: "/icons/darkwatch.svg",
      ackUrl: `/api/inbox/${alert.id}/ack`,
    });
    expect(PushPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it("keeps a long body short enough for a notification and for the push service's 4 KB", () => {
    const payload = pushPayloadFor({ ...alert, body: "word ".repeat(800) }, APP_URL);
    expect(payload.body.length).toBeLessThanOrEqual(240);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(3000);
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    expect(retryAfter("30", now)).toBe(30_000);
    expect(retryAfter("Sun, 29 Nov 2026 12:00:10 GMT", now)).toBe(10_000);
    expect(retryAfter("soon", now)).toBeUndefined();
    expect(retryAfter(null, now)).toBeUndefined();
  });
});
