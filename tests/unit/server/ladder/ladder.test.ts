/**
 * The rungs, step by step, on the real parts: an in-memory SQLite store with its escalation
 * store, the Web Push provider against the local push service (VAPID checked, payload
 * decrypted), the SMTP provider against a local SMTP server. Time is a hand-moved clock and
 * claims are taken by hand, so every due time and retry delay can be checked exactly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateVapidKeys } from "~/cli/commands/vapid";
import { createSmtpEmailProvider } from "~/server/channels/email-smtp";
import { renderAlertEmail } from "~/server/channels/email-template";
import type { PushSubscriptionStore } from "~/server/channels/providers";
import { pushPayloadFor } from "~/server/channels/push-payload";
import { createWebPushProvider } from "~/server/channels/web-push";
import { createEscalationStore, type EscalationStore } from "~/server/ladder/escalation-store";
import { createLadder, type Ladder } from "~/server/ladder/ladder";
import { createPushSubscriptionStore } from "~/server/store/push-subscriptions";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";
import type { Alert } from "~/shared/alert";
import { defaultPreferences, type Preferences } from "~/shared/preferences";
import { type PushService, startPushService } from "../../../helpers/push-service";
import { type SmtpTestServer, startSmtpServer } from "../../../helpers/smtp-server";

const keys = generateVapidKeys();
const T0 = Date.parse("2026-11-29T12:00:00.000Z");
const settings = { ackWindowMs: 10_000, pushAckWindowMs: 30_000, maxAttempts: 3, retryBaseMs: 1_000 };

let push: PushService;
let smtp: SmtpTestServer;
beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushService(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([push.close(), smtp.close()]);
});

let store: AlertStore;
let escalations: EscalationStore;
let subscriptions: PushSubscriptionStore;
let ladder: Ladder;
let clock: number;
let preferences: Preferences;
const emails: Record<string, string | null> = { bob: "bob@example.com" };

beforeEach(async () => {
  store = createSqliteStore(":memory:");
  escalations = createEscalationStore(store);
  subscriptions = createPushSubscriptionStore(store);
  clock = T0;
  preferences = defaultPreferences();
  ladder = createLadder({
    escalations,
    store,
    preferencesOf: async () => preferences,
    emailOf: (userId) => emails[userId] ?? null,
    push: createWebPushProvider({ vapid: { ...keys, subject: "mailto:ops@beacon.test" }, endpoints: { allowHttp: true, hosts: null }, timeoutMs: 2000 }),
    subscriptions,
    pushPayloadFor: (alert) => pushPayloadFor(alert, "https://beacon.test"),
    email: createSmtpEmailProvider({ url: smtp.url, from: "alerts@beacon.test", timeoutMs: 2000 }),
    renderEmail: (alert) => renderAlertEmail(alert, "https://beacon.test"),
    settings,
    now: () => clock,
  });
});

let titles = 0;
async function publish(userId: string, severity: Alert["severity"] = "high"): Promise<Alert> {
  const title = `Ladder unit ${++titles}`;
  const [alert] = await store.insert(
    [{ id: `L${titles}x${Math.random().toString(36).slice(2, 8)}`, userId, service: "darkwatch", severity, title, body: "Body.", createdAt: new Date(T0).toISOString() }],
    { escalateAfterMs: settings.ackWindowMs },
  );
  return alert!;
}

/** Claims whatever is due at `at` and runs it, as the worker does. */
async function runDue(at: number): Promise<number> {
  clock = at;
  const claims = await escalations.claimDue(at, 60_000, 10);
  for (const claim of claims) await ladder.run(claim);
  return claims.length;
}

async function timeline(alert: Alert): Promise<string[]> {
  const detail = await store.get(alert.userId, alert.id);
  return detail!.deliveries.map((record) => `${record.channel} ${record.status}${record.detail ? `: ${record.detail}` : ""}`);
}

const mailsAbout = (alert: Alert) => smtp.messages().filter((mail) => mail.subject.includes(alert.title));
const pushesTo = (endpoint: string) => push.received().filter((message) => message.endpoint === endpoint);

describe("the rungs after the socket", () => {
  it("nothing happens before the ack window ends; then push, then email after the push window", async () => {
    const device = push.subscription();
    await subscriptions.save("bob", { endpoint: device.endpoint, keys: device.keys, device: "Phone" });
    const alert = await publish("bob");

    expect(await runDue(T0 + settings.ackWindowMs - 1)).toBe(0);
    expect(await runDue(T0 + settings.ackWindowMs)).toBe(1);
    expect(pushesTo(device.endpoint)).toHaveLength(1);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "push_wait", dueAt: T0 + settings.ackWindowMs + settings.pushAckWindowMs });

    expect(await runDue(T0 + 39_999)).toBe(0);
    expect(await runDue(T0 + 40_000)).toBe(1);
    expect(mailsAbout(alert)).toHaveLength(1);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "done" });
    expect(await timeline(alert)).toEqual([
      "websocket unacknowledged: waited 10 s",
      expect.stringMatching(/^push delivered: Phone: /),
      "push unacknowledged: waited 30 s",
      expect.stringMatching(/^email delivered: 127\.0\.0\.1:\d+: 250/),
    ]);
    expect(await runDue(T0 + 999_999)).toBe(0);
  });

  it("push failing with 500 is retried with doubling backoff, then given up on, and the email goes out", async () => {
    const device = push.subscription();
    await subscriptions.save("bob", { endpoint: device.endpoint, keys: device.keys, device: "Laptop" });
    push.respondWith(device.endpoint, 500);
    const alert = await publish("bob");
    await escalations.skipSocket(alert.id, T0);

    await runDue(T0);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "push", attempts: 1, dueAt: T0 + 1_000 });
    await runDue(T0 + 1_000);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "push", attempts: 2, dueAt: T0 + 1_000 + 2_000 });
    await runDue(T0 + 3_000);
    expect(pushesTo(device.endpoint)).toHaveLength(3);
    expect(mailsAbout(alert)).toHaveLength(1);
    const steps = await timeline(alert);
    expect(steps.slice(0, 2)).toEqual([
      expect.stringMatching(/^push retrying: Laptop: .*500.*; attempt 2 of 3 in 1 s$/),
      expect.stringMatching(/^push retrying: .*attempt 3 of 3 in 2 s$/),
    ]);
    expect(steps[2]).toMatch(/^push failed: gave up after 3 attempts/);
    expect(steps[3]).toMatch(/^email delivered/);
    expect(await subscriptions.list("bob")).toHaveLength(1);
  });

  it("a 429's Retry-After is honoured when longer than the backoff", async () => {
    const device = push.subscription();
    await subscriptions.save("bob", { endpoint: device.endpoint, keys: device.keys });
    push.respondWith(device.endpoint, [429], { retryAfter: "7" });
    const alert = await publish("bob");
    await escalations.skipSocket(alert.id, T0);
    await runDue(T0);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "push", attempts: 1, dueAt: T0 + 7_000 });
    await runDue(T0 + 7_000);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "push_wait" });
  });

  it("with two devices, a 410 one is removed at once and only the failing one is retried", async () => {
    const gone = push.subscription();
    const flaky = push.subscription();
    await subscriptions.save("bob", { endpoint: gone.endpoint, keys: gone.keys, device: "Old tablet" });
    await subscriptions.save("bob", { endpoint: flaky.endpoint, keys: flaky.keys, device: "Phone" });
    push.respondWith(gone.endpoint, 410);
    push.respondWith(flaky.endpoint, [503]);
    const alert = await publish("bob");
    await escalations.skipSocket(alert.id, T0);

    await runDue(T0);
    expect((await subscriptions.list("bob")).map((s) => s.endpoint)).toEqual([flaky.endpoint]);
    await runDue(T0 + 60_000);
    expect(pushesTo(gone.endpoint)).toHaveLength(1);
    expect(pushesTo(flaky.endpoint).map((m) => m.status)).toEqual([503, 201]);
    expect(await timeline(alert)).toEqual([
      expect.stringMatching(/^push failed: Old tablet: subscription expired \(.*410.*\); removed$/),
      expect.stringMatching(/^push retrying: Phone: /),
      expect.stringMatching(/^push delivered: Phone: /),
    ]);
  });

  it("an email refused for now (451) is retried; one refused for good (550) fails cleanly and ends the ladder", async () => {
    const later = await publish("bob", "critical");
    await escalations.skipSocket(later.id, T0);
    smtp.failNext(1, 451);
    await runDue(T0);
    expect(await escalations.get(later.id)).toMatchObject({ step: "email", attempts: 1, dueAt: T0 + 1_000 });
    await runDue(T0 + 1_000);
    expect(mailsAbout(later)).toHaveLength(1);
    expect((await timeline(later)).slice(1)).toEqual([
      expect.stringMatching(/^email retrying: .*451.*; attempt 2 of 3 in 1 s$/),
      expect.stringMatching(/^email delivered: /),
    ]);

    const never = await publish("bob", "critical");
    await escalations.skipSocket(never.id, T0 + 2_000);
    smtp.failNext(1, 550);
    await runDue(T0 + 2_000);
    expect(await escalations.get(never.id)).toMatchObject({ step: "done" });
    expect((await timeline(never)).at(-1)).toMatch(/^email failed: .*550/);
    expect(await runDue(T0 + 999_999)).toBe(0);
  });

  it("a claim that finds the email step marked (its server died mid-send) sends again, and says so", async () => {
    const alert = await publish("bob", "critical");
    await escalations.skipSocket(alert.id, T0);
    const [claim] = await escalations.claimDue(T0, 5_000, 1);
    // What runEmail does just before calling the provider; then the process "dies".
    await escalations.advance(claim!, { step: "email_sending", dueAt: claim!.leaseUntil, attempts: 1 }, { keepLease: true });
    expect(await runDue(T0 + 4_999)).toBe(0);
    expect(await runDue(T0 + 5_001)).toBe(1);
    expect(mailsAbout(alert)).toHaveLength(1);
    // The Message-ID every send of this alert has, so a mailbox that got the interrupted one keeps one copy.
    expect(mailsAbout(alert)[0]!.messageId).toBe(`<alert.${alert.id}@beacon.test>`);
    expect((await timeline(alert)).at(-1)).toMatch(/^email delivered: .*\(sent again: a server stopped while sending it\)$/);
  });

  it("an ack while waiting for the service worker ends the ladder: no email", async () => {
    const device = push.subscription();
    await subscriptions.save("bob", { endpoint: device.endpoint, keys: device.keys });
    const alert = await publish("bob");
    await runDue(T0 + settings.ackWindowMs);
    expect(await escalations.acknowledge("bob", alert.id, "push", new Date(T0 + 12_000), "a tab showed it")).toBe("acknowledged");
    expect(await runDue(T0 + 999_999)).toBe(0);
    expect(mailsAbout(alert)).toEqual([]);
  });
});

describe("preferences at each rung", () => {
  it("push off for the service and email below its severity: both skipped with the reason", async () => {
    preferences.channels.darkwatch.push = false;
    preferences.minSeverity.email = "critical";
    const alert = await publish("bob", "high");
    await escalations.skipSocket(alert.id, T0);
    await runDue(T0);
    expect(await timeline(alert)).toEqual(["push skipped: push_off_for_service", "email skipped: below_email_severity"]);
  });

  it("quiet hours hold back push and email, but a critical alert goes through them", async () => {
    preferences.quietHours = { enabled: true, start: "12:00", end: "13:00", timeZone: "UTC" };
    const quiet = await publish("bob", "high");
    await escalations.skipSocket(quiet.id, T0);
    await runDue(T0 + 60_000);
    expect(await timeline(quiet)).toEqual(["push skipped: quiet_hours", "email skipped: quiet_hours"]);

    const critical = await publish("bob", "critical");
    await escalations.skipSocket(critical.id, T0);
    await runDue(T0 + 60_000);
    expect(await timeline(critical)).toEqual(["push skipped: no_push_subscription", expect.stringMatching(/^email delivered/)]);
  });

  it("a user without an email address ends with email skipped, not an error", async () => {
    const alert = await publish("nobody-with-mail", "critical");
    await escalations.skipSocket(alert.id, T0);
    await runDue(T0);
    expect(await timeline(alert)).toEqual(["push skipped: no_push_subscription", "email skipped: no_email_address"]);
    expect(await escalations.get(alert.id)).toMatchObject({ step: "done" });
  });
});
