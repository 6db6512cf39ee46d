/**
 * The promise of the durable store, shown on real processes: kill -9 the server at any moment
 * after publishAlert returned, restart it, and every accepted alert reaches the user exactly
 * once on their next connection. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { sampleAlert } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Backend {
  name: string;
  /** Environment for a server and for its restarts (same data). */
  env(): Promise<Record<string, string>>;
}

const backends: Backend[] = [
  { name: "sqlite", env: async () => ({}) },
  ...(DATABASE_URL
    ? [
        {
          name: "postgres",
          async env() {
            const schema = (await createTestSchema())!;
            cleanups.push(schema.drop);
            return { DATABASE_URL: schema.url };
          },
        },
      ]
    : []),
];

/** One publish; the alert ids when the server answered 202, null when it did not (killed mid-request). */
async function tryPublish(server: BeaconServer, body: object): Promise<string[] | null> {
  try {
    const response = await fetch(`${server.url}/api/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_PUBLISH_SECRET}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) return null;
    const answer = (await response.json()) as { alerts: Array<{ alertId: string; userId: string }> };
    return answer.alerts.map((alert) => alert.alertId);
  } catch {
    return null;
  }
}

async function restart(server: BeaconServer, env: Record<string, string>): Promise<BeaconServer> {
  const next = await startBeaconServer({ ...env, DATA_DIR: server.dataDir }, server.port);
  cleanups.push(() => next.stop());
  return next;
}

async function everythingFor(server: BeaconServer, userId: string, after: number) {
  const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, userId), after });
  const synced = await socket.waitFor("synced", 10_000);
  const alerts = socket.alerts();
  await socket.close();
  return { alerts, synced };
}

describe.each(backends)("durability on $name", (backend) => {
  it("kill -9 while publishes are in flight: after a restart every accepted alert is delivered exactly once", async () => {
    const env = await backend.env();
    const server = await startBeaconServer(env);
    const accepted: string[] = [];
    let killed = false;
    // Four producers publishing as fast as they can: single alerts, and family groups of two.
    const producers = Array.from({ length: 4 }, async (_, producer) => {
      for (let i = 0; !killed; i++) {
        const body =
          i % 3 === 0
            ? { userIds: ["durable-ann", "durable-ben"], ...sampleAlert({ title: `group ${producer}.${i}` }) }
            : { userId: "durable-ann", ...sampleAlert({ title: `single ${producer}.${i}` }) };
        const ids = await tryPublish(server, body);
        // Only what the server acknowledged before dying counts as accepted.
        if (ids && !killed) accepted.push(...ids);
      }
    });
    // Enough accepted to mean something (a cold server on a slow machine took 800 ms for 11), then
    // a random moment more, so the kill lands at a different point of a publish each run.
    await eventually(() => accepted.length >= 30, 20_000);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    killed = true;
    await server.crash();
    await Promise.all(producers);
    expect(accepted.length).toBeGreaterThanOrEqual(30);

    const again = await restart(server, env);
    const ann = await everythingFor(again, "durable-ann", 0);
    const ben = await everythingFor(again, "durable-ben", 0);
    const deliveredIds = [...ann.alerts, ...ben.alerts].map((alert) => alert.id);

    // Each accepted alert is there, once. (Ones stored in the instant before the kill, whose 202 never went out, may be there too.)
    for (const id of accepted) expect(deliveredIds.filter((delivered) => delivered === id), id).toHaveLength(1);
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    for (const { alerts } of [ann, ben]) expect(alerts.map((alert) => alert.seq)).toEqual(alerts.map((_, i) => i + 1));
  });

  it("a tab that was connected before the crash resumes from its cursor and gets only what it missed", async () => {
    const env = await backend.env();
    const server = await startBeaconServer(env);
    const userId = "durable-cleo";
    const tab = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, userId) });
    await tryPublish(server, { userId, ...sampleAlert({ title: "seen live" }) });
    const [seen] = await tab.waitForAlerts(1);
    await tab.close();

    const missed: string[] = [];
    for (let i = 0; i < 10; i++) missed.push(...((await tryPublish(server, { userId, ...sampleAlert({ title: `missed ${i}` }) })) ?? []));
    await server.crash();

    const again = await restart(server, env);
    const back = await everythingFor(again, userId, seen!.seq);
    expect(back.alerts.map((alert) => alert.id)).toEqual(missed);
    expect(back.synced).toMatchObject({ replayed: 10, cursor: seen!.seq + 10 });
  });
});
