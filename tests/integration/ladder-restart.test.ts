/**
 * The ladder's state is in the store, not in timers: a server killed with SIGKILL in the middle
 * of an escalation, then restarted, still ends it with exactly one email; and several servers
 * sharing PostgreSQL run each step once between them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET, type BeaconServer } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { deliveriesOf, ladderEnv, sleep, steps, subscribe } from "../helpers/ladder";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { publishOne } from "../helpers/publish";
import { type PushService, startPushService } from "../helpers/push-service";
import { type SmtpTestServer, startSmtpServer } from "../helpers/smtp-server";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

let push: PushService;
let smtp: SmtpTestServer;
const servers: BeaconServer[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  [push, smtp] = await Promise.all([startPushService(), startSmtpServer()]);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await Promise.all([push?.close(), smtp?.close()]);
});

const mailsAbout = (title: string) => smtp.messages().filter((mail) => mail.subject.includes(title));

interface Backend {
  name: string;
  /** Env for the server (DATABASE_URL for PostgreSQL). */
  prepare(): Promise<{ env: Record<string, string> }>;
}

const backends: Backend[] = [
  { name: "sqlite", prepare: async () => ({ env: {} }) },
  ...(DATABASE_URL
    ? [
        {
          name: "postgres",
          async prepare() {
            const schema = (await createTestSchema())!;
            cleanups.push(schema.drop);
            return { env: { DATABASE_URL: schema.url } };
          },
        },
      ]
    : []),
];

describe.each(backends)("a restart in the middle of an escalation ($name)", (backend) => {
  it("kill -9 while waiting for the service worker's ack: the restarted server sends exactly one email", async () => {
    const { env } = await backend.prepare();
    const settings = ladderEnv(push, smtp, { ...env, PUSH_ACK_WINDOW_MS: "1500", LADDER_LEASE_MS: "1000" });
    const first = await startBeaconServer(settings);
    const token = await mintToken(TEST_AUTH_SECRET, "bob");
    const device = push.subscription();
    await subscribe(first, token, device);
    const title = `Restart while waiting ${backend.name}`;

    const alertId = await publishOne(first.url, TEST_PUBLISH_SECRET, "bob", { title, severity: "critical" });
    // Crash once the push is on record, i.e. while the ladder waits for the service worker. (A crash
    // between the push service's 201 and that record may send the push again: at-least-once, and the
    // notification's tag — the alert id — makes the browser replace rather than repeat it.)
    await eventually(async () => steps(await deliveriesOf(first, token, alertId)).includes("push delivered"), 3000);
    await first.crash();

    const second = await startBeaconServer({ ...settings, DATA_DIR: first.dataDir }, first.port);
    servers.push(second);
    await eventually(() => mailsAbout(title).length === 1, 6000);
    // Longer than a lease, a poll and a window again: nothing else may go out.
    await sleep(2500);
    expect(mailsAbout(title)).toHaveLength(1);
    expect(push.received().filter((m) => m.endpoint === device.endpoint)).toHaveLength(1);
    expect(steps(await deliveriesOf(second, token, alertId))).toEqual([
      "websocket skipped",
      "push delivered",
      "push unacknowledged",
      "email delivered",
    ]);
  });

  it("kill -9 during the ack window of a connected tab: after the restart the ladder still climbs, once", async () => {
    const { env } = await backend.prepare();
    const settings = ladderEnv(push, smtp, { ...env, ACK_WINDOW_MS: "1500" });
    const first = await startBeaconServer(settings);
    const tab = await connect(first.url, { token: await mintToken(TEST_AUTH_SECRET, "carol") });
    const title = `Restart during the ack window ${backend.name}`;
    const alertId = await publishOne(first.url, TEST_PUBLISH_SECRET, "carol", { title, severity: "critical" });
    await tab.waitFor("alert", 2000, (f) => f.alert.id === alertId);
    const token = await mintToken(TEST_AUTH_SECRET, "carol");
    await eventually(async () => steps(await deliveriesOf(first, token, alertId)).includes("websocket delivered"), 3000);
    await first.crash();
    await tab.closed;

    const second = await startBeaconServer({ ...settings, DATA_DIR: first.dataDir }, first.port);
    servers.push(second);
    await eventually(() => mailsAbout(title).length === 1, 6000);
    await sleep(1500);
    expect(mailsAbout(title)).toHaveLength(1);
    expect(steps(await deliveriesOf(second, token, alertId))).toEqual([
      "websocket delivered",
      "websocket unacknowledged",
      "push skipped",
      "email delivered",
    ]);
  });
});

describe.skipIf(!DATABASE_URL)("several servers sharing PostgreSQL", () => {
  it("two servers' workers share the due escalations: 12 alerts, 12 emails, none twice", async () => {
    const schema = (await createTestSchema())!;
    cleanups.push(schema.drop);
    const settings = ladderEnv(push, smtp, { DATABASE_URL: schema.url, LADDER_POLL_MS: "50" });
    const [a, b] = await Promise.all([startBeaconServer({ ...settings, SERVER_ID: "ladder-a" }), startBeaconServer({ ...settings, SERVER_ID: "ladder-b" })]);
    servers.push(a, b);
    const title = "Shared ladder";
    // Published through both, so both schedule wake-ups; no sockets anywhere, so each goes to email at once.
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => publishOne(i % 2 ? a.url : b.url, TEST_PUBLISH_SECRET, "carol", { title: `${title} ${i}`, severity: "critical" })),
    );
    await eventually(() => mailsAbout(title).length >= 12, 8000);
    await sleep(1000);
    const subjects = mailsAbout(title).map((mail) => mail.subject);
    expect(subjects).toHaveLength(12);
    expect(new Set(subjects).size).toBe(12);
    const token = await mintToken(TEST_AUTH_SECRET, "carol");
    for (const id of ids) expect(steps(await deliveriesOf(a, token, id)).filter((s) => s === "email delivered")).toHaveLength(1);
  });
});

describe.skipIf(!DATABASE_URL || !process.env.REDIS_URL)("across servers (PostgreSQL + Redis)", () => {
  it("published through one server, acknowledged in a tab on the other: no push, and the ack is on record", async () => {
    const schema = (await createTestSchema())!;
    cleanups.push(schema.drop);
    const settings = ladderEnv(push, smtp, {
      DATABASE_URL: schema.url,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_PREFIX: `beacon-ladder-${process.pid}-${Date.now()}:`,
      ACK_WINDOW_MS: "800",
    });
    const [a, b] = await Promise.all([startBeaconServer({ ...settings, SERVER_ID: "ladder-a" }), startBeaconServer({ ...settings, SERVER_ID: "ladder-b" })]);
    servers.push(a, b);
    const token = await mintToken(TEST_AUTH_SECRET, "carol");
    const device = push.subscription();
    await subscribe(a, token, device);
    const tab = await connect(b.url, { token });

    const alertId = await publishOne(a.url, TEST_PUBLISH_SECRET, "carol", { title: "Across servers", severity: "high" });
    await tab.waitFor("alert", 3000, (f) => f.alert.id === alertId);
    tab.sendRaw(JSON.stringify({ type: "ack", id: alertId }));
    await sleep(800 + 700);
    expect(push.received().filter((m) => m.endpoint === device.endpoint)).toEqual([]);
    expect(steps(await deliveriesOf(a, token, alertId))).toEqual(["websocket delivered", "websocket acknowledged"]);
    await tab.close();
  });
});
