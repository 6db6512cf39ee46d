/**
 * Two real Beacon processes behind one address, sharing one Redis and one PostgreSQL: what a
 * user with a tab on each server sees, and what happens to presence when one dies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BeaconServer } from "../helpers/beacon-server";
import { TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { clusterAvailable, createTestCluster, presenceOf, type TestCluster } from "../helpers/cluster";
import { eventually } from "../helpers/eventually";
import { post, publishOne, sampleAlert, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const LEASE_MS = 1500;

describe.skipIf(!clusterAvailable)("two Beacon servers on one Redis and one PostgreSQL", () => {
  let cluster: TestCluster;
  let a: BeaconServer;
  let b: BeaconServer;
  beforeAll(async () => {
    cluster = await createTestCluster({ PRESENCE_LEASE_MS: String(LEASE_MS) });
    [a, b] = await Promise.all([cluster.start("server-a"), cluster.start("server-b")]);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("a user with a socket on each server gets each alert once on both, whichever server it was published through", async () => {
    const userId = uniqueUserId("two-tabs");
    const token = await mintToken(TEST_AUTH_SECRET, userId);
    const onA = await connect(a.url, { token });
    const onB = await connect(b.url, { token });
    await Promise.all([onA.waitFor("synced"), onB.waitFor("synced")]);
    await eventually(async () => (await presenceOf(a, userId)).total === 2);

    const viaA = await publishOne(a.url, TEST_PUBLISH_SECRET, userId, { title: "via A" });
    const viaB = await publishOne(b.url, TEST_PUBLISH_SECRET, userId, { title: "via B" });
    const expected = [viaA, viaB];
    await onA.waitForAlerts(2);
    await onB.waitForAlerts(2);
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a duplicate to show up
    expect(onA.alerts().map((alert) => alert.id)).toEqual(expected);
    expect(onB.alerts().map((alert) => alert.id)).toEqual(expected);
    await onA.close();
    await onB.close();
  });

  it("presence sees the user on both servers until both sockets close", async () => {
    const userId = uniqueUserId("presence");
    const token = await mintToken(TEST_AUTH_SECRET, userId);
    const onA = await connect(a.url, { token });
    const onB = await connect(b.url, { token });
    for (const server of [a, b]) {
      await eventually(async () => (await presenceOf(server, userId)).total === 2);
      expect((await presenceOf(server, userId)).servers).toEqual({ "server-a": 1, "server-b": 1 });
    }
    await onA.close();
    await eventually(async () => (await presenceOf(b, userId)).total === 1);
    expect((await presenceOf(a, userId)).servers).toEqual({ "server-b": 1 });
    // Connected only through B: a publish through A is still delivered live.
    const published = await post(a.url, "/api/alerts", { userId, ...sampleAlert() }, TEST_PUBLISH_SECRET);
    expect(published.body.alerts[0].status).toBe("delivered_live");
    await onB.waitForAlerts(1);
    await onB.close();
    await eventually(async () => (await presenceOf(a, userId)).total === 0 && (await presenceOf(b, userId)).total === 0);
    const offline = await post(a.url, "/api/alerts", { userId, ...sampleAlert() }, TEST_PUBLISH_SECRET);
    expect(offline.body.alerts[0].status).toBe("no_live_socket");
  });

  it("a server killed with SIGKILL drops out of presence within its lease", async () => {
    const doomed = await cluster.start("server-c");
    const userId = uniqueUserId("crash");
    const socket = await connect(doomed.url, { token: await mintToken(TEST_AUTH_SECRET, userId) });
    await eventually(async () => (await presenceOf(b, userId)).total === 1);
    await doomed.crash();
    const killedAt = Date.now();
    await socket.closed;
    await eventually(async () => (await presenceOf(b, userId)).total === 0, LEASE_MS * 3, 50);
    // Within one lease (plus a poll's and a request's worth of slack).
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 700);
  });
});
