/**
 * The ladder under the user's preferences: Do-Not-Disturb sends a silent frame and no push
 * (the inbox still has the alert); a critical alert ignores it. Preferences are saved the way
 * the settings page saves them (PUT /api/preferences); the ladder reads them from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPreferences } from "~/shared/preferences";
import { startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET, type BeaconServer } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { deliveriesOf, ladderEnv, sleep, steps, subscribe } from "../helpers/ladder";
import { publishOne, uniqueUserId } from "../helpers/publish";
import { type PushService, startPushService } from "../helpers/push-service";
import { type SmtpTestServer, startSmtpServer } from "../helpers/smtp-server";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const ACK_WINDOW_MS = 600;

let server: BeaconServer;
let push: PushService;
let smtp: SmtpTestServer;

beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushService(), startSmtpServer()]);
  server = await startBeaconServer(ladderEnv(push, smtp, { ACK_WINDOW_MS: String(ACK_WINDOW_MS) }));
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([push?.close(), smtp?.close()]);
});

async function doNotDisturb(token: string): Promise<void> {
  const response = await fetch(`${server.url}/api/preferences`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie: `auth_token=${token}` },
    body: JSON.stringify({ ...defaultPreferences(), doNotDisturb: true }),
  });
  expect(response.status).toBe(200);
}

describe("the ladder under Do-Not-Disturb", () => {
  it("a high alert goes out as a silent frame, is never pushed, and is in the inbox", async () => {
    const user = uniqueUserId("dnd");
    const token = await mintToken(TEST_AUTH_SECRET, user);
    await doNotDisturb(token);
    const device = push.subscription();
    await subscribe(server, token, device);
    const tab = await connect(server.url, { token });

    // The tab does not ack: even so, DND keeps push off.
    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, user, { title: "Quiet please", severity: "high" });
    const frame = await tab.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    expect(frame.silent).toBe(true);
    await sleep(ACK_WINDOW_MS + 700);
    expect(push.received().filter((m) => m.endpoint === device.endpoint)).toEqual([]);

    const record = await deliveriesOf(server, token, alertId);
    expect(steps(record).slice(0, 3)).toEqual(["websocket delivered", "websocket unacknowledged", "push skipped"]);
    expect(record[0]!.detail).toBe("1 socket(s), silent: do_not_disturb");
    expect(record[2]!.detail).toBe("do_not_disturb");
    const inbox = await (await fetch(`${server.url}/api/inbox`, { headers: { cookie: `auth_token=${token}` } })).json();
    expect(inbox.items.map((item: { id: string }) => item.id)).toEqual([alertId]);
    expect(inbox.unreadCount).toBe(1);

    // A tab opened later replays it from the store, still silent.
    const later = await connect(server.url, { token, after: 0 });
    const replayed = await later.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    expect(replayed).toMatchObject({ replayed: true, silent: true });
    await Promise.all([tab.close(), later.close()]);
  });

  it("a critical alert is not muted: it toasts (no silent flag) and is pushed when no tab acks", async () => {
    const user = uniqueUserId("dnd-critical");
    const token = await mintToken(TEST_AUTH_SECRET, user);
    await doNotDisturb(token);
    const device = push.subscription();
    await subscribe(server, token, device);
    const tab = await connect(server.url, { token });

    const alertId = await publishOne(server.url, TEST_PUBLISH_SECRET, user, { title: "Deed changed", severity: "critical" });
    const frame = await tab.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    expect(frame.silent).toBeUndefined();
    await eventually(() => push.received().some((m) => m.endpoint === device.endpoint), 4000);
    expect(steps(await deliveriesOf(server, token, alertId)).slice(0, 3)).toEqual(["websocket delivered", "websocket unacknowledged", "push delivered"]);
    await tab.close();
  });
});
