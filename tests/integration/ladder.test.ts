/**
 * The delivery ladder over the whole stack: a real production server, real `ws` clients, a
 * real local push service (VAPID checked, payload decrypted) and a real SMTP server. Windows
 * are short (ACK_WINDOW_MS 600, PUSH_ACK_WINDOW_MS 900) so each promise is checked in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET, type BeaconServer } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { deliveriesOf, ladderEnv, pushEndpointsOf, sleep, steps, subscribe } from "../helpers/ladder";
import { post, publishOne, sampleAlert, uniqueUserId } from "../helpers/publish";
import { type PushService, startPushService } from "../helpers/push-service";
import { type SmtpTestServer, startSmtpServer } from "../helpers/smtp-server";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const ACK_WINDOW_MS = 600;
const PUSH_ACK_WINDOW_MS = 900;

let server: BeaconServer;
let push: PushService;
let smtp: SmtpTestServer;

beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushService(), startSmtpServer()]);
  server = await startBeaconServer(ladderEnv(push, smtp, { ACK_WINDOW_MS: String(ACK_WINDOW_MS), PUSH_ACK_WINDOW_MS: String(PUSH_ACK_WINDOW_MS) }));
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([push?.close(), smtp?.close()]);
});

const pushesTo = (endpoint: string) => push.received().filter((message) => message.endpoint === endpoint);
const mailsAbout = (title: string) => smtp.messages().filter((mail) => mail.subject.includes(title));

describe("the delivery ladder", () => {
  it("connected and acknowledged: the tab's ack ends the ladder, so no push and no email", async () => {
    const user = uniqueUserId("acker");
    const token = await mintToken(TEST_AUTH_SECRET, user);
    const device = push.subscription();
    await subscribe(server, token, device);
    const tab = await connect(server.url, { token });

    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, user, { title: "Acked in a tab" });
    const frame = await tab.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    expect(frame.silent).toBeUndefined();
    tab.sendRaw(JSON.stringify({ type: "ack", id: alertId }));

    await sleep(ACK_WINDOW_MS + PUSH_ACK_WINDOW_MS + 500);
    expect(pushesTo(device.endpoint)).toEqual([]);
    expect(tab.frames.filter((f) => f.type === "error")).toEqual([]);
    const record = await deliveriesOf(server, token, alertId);
    expect(steps(record)).toEqual(["websocket delivered", "websocket acknowledged"]);
    expect(record[0]!.detail).toBe("1 socket(s)");
    await tab.close();
  });

  it("connected but no ack within the window: push after the window, and the service worker's ack stops email", async () => {
    const user = uniqueUserId("silent-tab");
    const token = await mintToken(TEST_AUTH_SECRET, user);
    const device = push.subscription();
    await subscribe(server, token, device);
    const tab = await connect(server.url, { token });

    const publishedAt = Date.now();
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, user, { title: "Nobody looked", severity: "high" });
    await tab.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    await eventually(() => pushesTo(device.endpoint).length === 1, 5000);
    const [message] = pushesTo(device.endpoint);
    expect(message!.at.getTime() - publishedAt).toBeGreaterThanOrEqual(ACK_WINDOW_MS - 50);
    expect(message!.payload).toMatchObject({ alertId, title: "Nobody looked", ackUrl: `/api/inbox/${alertId}/ack`, url: `https://beacon.test/alerts/${alertId}` });

    // What public/sw.js does once it showed the notification (the session cookie rides along).
    const ack = await fetch(`${server.url}/api/inbox/${alertId}/ack`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `auth_token=${token}` },
      body: JSON.stringify({ channel: "push" }),
    });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toEqual({ acknowledged: true, first: true });

    await sleep(PUSH_ACK_WINDOW_MS + 500);
    expect(pushesTo(device.endpoint)).toHaveLength(1);
    expect(steps(await deliveriesOf(server, token, alertId))).toEqual([
      "websocket delivered",
      "websocket unacknowledged",
      "push delivered",
      "push acknowledged",
    ]);
    await tab.close();
  });

  it("push answered 410: the subscription is removed and the alert is emailed", async () => {
    const token = await mintToken(TEST_AUTH_SECRET, "bob");
    const device = push.subscription();
    await subscribe(server, token, device);
    push.respondWith(device.endpoint, 410);

    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, "bob", { title: "Expired device", severity: "high" });
    await eventually(() => mailsAbout("Expired device").length === 1, 5000);
    const [mail] = mailsAbout("Expired device");
    expect(mail!.envelope.to).toEqual(["bob@example.com"]);
    expect(mail!.text).toContain(`https://beacon.test/alerts/${alertId}`);
    expect(pushesTo(device.endpoint).map((m) => m.status)).toEqual([410]);
    expect(await pushEndpointsOf(server, token)).not.toContain(device.endpoint);

    await eventually(async () => (await deliveriesOf(server, token, alertId)).some((r) => r.channel === "email"), 2000);
    const record = await deliveriesOf(server, token, alertId);
    expect(steps(record)).toEqual(["websocket skipped", "push failed", "email delivered"]);
    expect(record[1]!.detail).toMatch(/410.*removed/);
  });

  it("no socket and no push subscription: straight to email", async () => {
    const token = await mintToken(TEST_AUTH_SECRET, "carol");
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, "carol", { title: "Straight to email", severity: "critical" });
    await eventually(() => mailsAbout("Straight to email").length === 1, 3000);
    expect(mailsAbout("Straight to email")[0]!.envelope.to).toEqual(["carol@example.com"]);
    await eventually(async () => (await deliveriesOf(server, token, alertId)).length === 3, 2000);
    const record = await deliveriesOf(server, token, alertId);
    expect(steps(record)).toEqual(["websocket skipped", "push skipped", "email delivered"]);
    expect(record[1]!.detail).toBe("no_push_subscription");
    await sleep(500);
    expect(mailsAbout("Straight to email")).toHaveLength(1);
  });

  it("a family group: each member climbs their own ladder", async () => {
    const other = uniqueUserId("family");
    const response = await post(server.url, "/api/alerts", { userIds: ["carol", other], ...sampleAlert({ title: "Family ladder", severity: "critical" }) }, TEST_PUBLISH_SECRET);
    expect(response.status).toBe(202);
    const [forCarol, forOther] = response.body.alerts as Array<{ alertId: string; userId: string }>;
    await eventually(() => mailsAbout("Family ladder").length === 1, 3000);
    expect(mailsAbout("Family ladder")[0]!.envelope.to).toEqual(["carol@example.com"]);
    const otherToken = await mintToken(TEST_AUTH_SECRET, other);
    await eventually(async () => (await deliveriesOf(server, otherToken, forOther!.alertId)).length === 3, 2000);
    expect(steps(await deliveriesOf(server, otherToken, forOther!.alertId))).toEqual(["websocket skipped", "push skipped", "email skipped"]);
    expect(steps(await deliveriesOf(server, await mintToken(TEST_AUTH_SECRET, "carol"), forCarol!.alertId))).toEqual([
      "websocket skipped",
      "push skipped",
      "email delivered",
    ]);
  });

  it("a user without an email address: the ladder ends with the reason recorded, never an error", async () => {
    const user = uniqueUserId("no-email");
    const token = await mintToken(TEST_AUTH_SECRET, user);
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, user, { title: "Nowhere to send", severity: "critical" });
    await eventually(async () => (await deliveriesOf(server, token, alertId)).length === 3, 3000);
    const record = await deliveriesOf(server, token, alertId);
    expect(steps(record)).toEqual(["websocket skipped", "push skipped", "email skipped"]);
    expect(record[2]!.detail).toBe("no_email_address");
  });
});

describe("acknowledgements are the user's own", () => {
  it("an ack for another user's alert gets an error frame and changes nothing; the socket stays open", async () => {
    const owner = uniqueUserId("owner");
    const intruder = uniqueUserId("intruder");
    const ownerToken = await mintToken(TEST_AUTH_SECRET, owner);
    const ownerTab = await connect(server.url, { token: ownerToken });
    const tab = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, intruder) });
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, owner, { title: "Not yours" });
    await ownerTab.waitFor("alert");

    tab.sendRaw(JSON.stringify({ type: "ack", id: alertId }));
    const error = await tab.waitFor("error");
    expect(error).toEqual({ type: "error", code: "unknown_alert", message: "no such alert for this user" });
    tab.sendRaw(JSON.stringify({ type: "ack" }));
    expect((await tab.waitFor("error", 2000, (f) => f.code === "invalid_frame")).code).toBe("invalid_frame");
    tab.sendRaw(JSON.stringify({ type: "ping" }));
    await tab.waitFor("pong");

    await sleep(ACK_WINDOW_MS + 300);
    expect(steps(await deliveriesOf(server, ownerToken, alertId))).toContain("websocket unacknowledged");
    await Promise.all([tab.close(), ownerTab.close()]);
  });

  it("POST /api/inbox/:id/ack: 401 without a session, 400 naming a bad channel, 404 for someone else's alert", async () => {
    const owner = uniqueUserId("http-owner");
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, owner);
    const post = (body: unknown, token?: string) =>
      fetch(`${server.url}/api/inbox/${alertId}/ack`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { cookie: `auth_token=${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post({ channel: "push" })).status).toBe(401);
    const bad = await post({ channel: "carrier-pigeon" }, await mintToken(TEST_AUTH_SECRET, owner));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("channel");
    const other = await post({ channel: "push" }, await mintToken(TEST_AUTH_SECRET, uniqueUserId("other")));
    expect(other.status).toBe(404);
    const first = await post({ channel: "push" }, await mintToken(TEST_AUTH_SECRET, owner));
    expect(await first.json()).toEqual({ acknowledged: true, first: true });
    const again = await post({ channel: "websocket" }, await mintToken(TEST_AUTH_SECRET, owner));
    expect(await again.json()).toEqual({ acknowledged: true, first: false });
  });
});
