/**
 * Storm control, measured: 2,000 clients connected to one server, the server is killed and
 * restarted, and every client tries to come back at once. Admission control refuses the
 * excess with 503 + Retry-After, spreading them out; the test asserts all
 * return within a bounded time and that the server's event loop did not stall, and prints the
 * figures the README reports (time to all back, 503s, event-loop delay).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET } from "../helpers/beacon-server";
import { statsOf } from "../helpers/cluster";
import { stormClient, type StormClient } from "../helpers/storm-client";
import { mintToken } from "../helpers/tokens";
import { wsUrl } from "../helpers/ws-client";

const CLIENTS = 2000;

let server: BeaconServer | null = null;
const clients: StormClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  await server?.stop();
  server = null;
});

/** 250/s: admission control binding (this 2-core box admits ~600/s by itself); 100,000/s: effectively off, for comparison. */
describe.each([
  { admissionsPerSecond: 250, limited: true },
  { admissionsPerSecond: 100_000, limited: false },
])("a reconnect storm after a restart, admitting $admissionsPerSecond upgrades/s", ({ admissionsPerSecond, limited }) => {
  const ADMISSIONS_PER_SECOND = admissionsPerSecond;
  const env = { WS_ADMISSIONS_PER_SECOND: String(ADMISSIONS_PER_SECOND), MAX_SOCKETS_PER_USER: "4" };
  it(`${CLIENTS} clients reconnecting at once all get back within a bounded time, without stalling the server`, async () => {
    server = await startBeaconServer(env);
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => mintToken(TEST_AUTH_SECRET, `storm-${process.pid}-${i}`)));
    let gate: Promise<void> = Promise.resolve();
    for (const token of tokens) clients.push(stormClient(wsUrl(server.url, { token }), () => gate));
    await Promise.all(clients.map((client) => client.nextSynced()));
    expect((await statsOf(server)).sockets).toBe(CLIENTS);

    // kill -9: no drain to spread the return. Every client waits at the gate until the new process
    // serves, then all are released in the same instant: the worst case.
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const backAgain = clients.map((client) => {
      const refusedBefore = client.refusals;
      return { client, refusedBefore };
    });
    const { port, dataDir } = server;
    await server.crash();
    const restarted = await startBeaconServer({ ...env, DATA_DIR: dataDir }, port);
    server = restarted;
    // Measure the storm, not the boot (module loading, migrations).
    await statsOf(restarted, "?reset=loop");
    const stormAt = Date.now();
    release();
    await Promise.all(backAgain.map(({ client }) => client.nextSynced()));
    const allBackMs = Date.now() - stormAt;
    const stats = await statsOf(restarted);
    const refusals = backAgain.reduce((sum, { client, refusedBefore }) => sum + client.refusals - refusedBefore, 0);

    const figures = {
      clients: CLIENTS,
      admissionsPerSecond: ADMISSIONS_PER_SECOND,
      allBackMs,
      refusals503: refusals,
      serverRefused: stats.admissions.refused,
      // From the release of the clients to all back.
      eventLoopDelayMs: stats.eventLoopDelayMs,
    };
    console.log(`reconnect storm figures: ${JSON.stringify(figures)}`);

    expect(stats.sockets).toBe(CLIENTS);
    expect(allBackMs).toBeLessThan(45_000);
    if (limited) {
      // 2,000 at 250/s take several seconds (one second's burst, then the rate), and the excess was told to wait.
      expect(allBackMs).toBeGreaterThan(4000);
      expect(refusals).toBeGreaterThan(0);
      expect(stats.admissions.refused).toBeGreaterThanOrEqual(refusals);
    }
    // The loop kept answering: generous bounds, since this 2-core machine is often shared with
    // builds and other test runs (which alone cause stalls of a second or more); a loop stalled by
    // the storm itself would show p99 in seconds.
    // The histogram takes one sample per loop tick (10 ms apart when free), so a percentile needs
    // a long enough storm. With the limit it lasts about 8 s. Without it, about 1.5 s: some 100
    // ticks plus the one long pause of the first instant, when Node handles all 2,000 upgrades in
    // one poll phase (README, "Admission control"; up to 1.6 s inside a full test run). Its p99 is
    // then that pause, the max (2026-11-30: 894 and 934 ms p99 = max, and once 1,040 ms, failing,
    // before and after that day's changes alike). So there the mean says whether the loop stalled
    // again after it: 17–45 ms in those runs, hundreds if the storm kept blocking it.
    if (limited) expect(stats.eventLoopDelayMs.p99).toBeLessThan(1000);
    else expect(stats.eventLoopDelayMs.mean).toBeLessThan(250);
    expect(stats.eventLoopDelayMs.max).toBeLessThan(5000);
  }, 120_000);
});
