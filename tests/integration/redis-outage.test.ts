/**
 * Redis goes away for one server (a TCP proxy between that server and the shared Redis is
 * cut; the real Redis keeps serving everyone else), alerts are published through both
 * servers meanwhile, Redis comes back: every socket ends up with every alert exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BeaconServer } from "../helpers/beacon-server";
import { TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { clusterAvailable, createTestCluster, REDIS_URL, statsOf, type TestCluster } from "../helpers/cluster";
import { eventually } from "../helpers/eventually";
import { publishOne, uniqueUserId } from "../helpers/publish";
import { redisTarget, startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

describe.skipIf(!clusterAvailable)("a Redis outage on one server", () => {
  let cluster: TestCluster;
  let proxy: TcpProxy;
  let a: BeaconServer;
  let b: BeaconServer;
  beforeAll(async () => {
    cluster = await createTestCluster();
    proxy = await startTcpProxy(redisTarget(REDIS_URL!));
    [a, b] = await Promise.all([cluster.start("outage-a"), cluster.start("outage-b", { REDIS_URL: proxy.url, LOG_LEVEL: "info" })]);
  });
  afterAll(async () => {
    await cluster?.stop();
    await proxy?.close();
  });

  async function tabs(userId: string): Promise<{ onA: TestSocket; onB: TestSocket }> {
    const token = await mintToken(TEST_AUTH_SECRET, userId);
    const [onA, onB] = await Promise.all([connect(a.url, { token }), connect(b.url, { token })]);
    await Promise.all([onA.waitFor("synced"), onB.waitFor("synced")]);
    return { onA, onB };
  }

  it("alerts published on either side while Redis was cut reach the other server's sockets once it is back, each exactly once", async () => {
    // One user per publishing side, so no later live alert reveals the gap: only the resync can.
    const publishedOnA = uniqueUserId("outage-via-a");
    const publishedOnB = uniqueUserId("outage-via-b");
    const first = await tabs(publishedOnA);
    const second = await tabs(publishedOnB);

    proxy.cut();
    await eventually(async () => (await statsOf(b)).busStatus.connected === false, 5000);
    const viaA: string[] = [];
    const viaB: string[] = [];
    for (let i = 0; i < 5; i++) {
      viaA.push(await publishOne(a.url, TEST_PUBLISH_SECRET, publishedOnA, { title: `via A ${i}` }));
      viaB.push(await publishOne(b.url, TEST_PUBLISH_SECRET, publishedOnB, { title: `via B ${i}` }));
    }
    // Local delivery kept working on both servers.
    await first.onA.waitForAlerts(5);
    await second.onB.waitForAlerts(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first.onB.alerts()).toHaveLength(0);
    expect(second.onA.alerts()).toHaveLength(0);

    proxy.restore();
    await first.onB.waitForAlerts(5, 15_000);
    await second.onA.waitForAlerts(5, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
    for (const socket of [first.onA, first.onB]) expect(socket.alerts().map((alert) => alert.id)).toEqual(viaA);
    for (const socket of [second.onA, second.onB]) expect(socket.alerts().map((alert) => alert.id)).toEqual(viaB);

    const stats = await statsOf(b);
    expect(stats.busStatus).toMatchObject({ connected: true });
    expect(stats.busStatus.dropped).toBeGreaterThanOrEqual(5);
    expect(b.output()).toMatch(/redis bus lost its subscription/);
    expect(b.output()).toMatch(/subscription restored/);
    for (const socket of [first.onA, first.onB, second.onA, second.onB]) await socket.close();
  });
});
