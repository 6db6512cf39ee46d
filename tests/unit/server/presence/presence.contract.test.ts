/**
 * One contract, every Presence: this process's registry always, Redis across servers when
 * REDIS_URL is set (a key prefix unique to this run; short leases so expiry is quick to see).
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { createLocalPresence, type Presence } from "~/server/realtime/presence";
import { createRedisPresence } from "~/server/realtime/presence-redis";
import { eventually } from "../../../helpers/eventually";
import { redisTarget, startTcpProxy, type TcpProxy } from "../../../helpers/tcp-proxy";
import { connectionFor, recordingSocket } from "../recording-socket";

const REDIS_URL = process.env.REDIS_URL;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A socket of `userId` opening on a server; returns its close. */
function openSocket(registry: PeerRegistry, userId: string): () => void {
  const socket = recordingSocket();
  registry.add(connectionFor(userId, socket));
  return () => void registry.remove(socket);
}

describe("Presence contract on local", () => {
  it("counts a user's sockets and forgets them when they close", async () => {
    const registry = new PeerRegistry();
    const presence = createLocalPresence(registry, "s1");
    const closeFirst = openSocket(registry, "alice");
    const closeSecond = openSocket(registry, "alice");
    expect(await presence.connectionCount("alice")).toBe(2);
    expect(await presence.connections("alice")).toEqual({ total: 2, servers: { s1: 2 } });
    expect(await presence.connectionCount("bob")).toBe(0);
    closeFirst();
    closeSecond();
    expect(await presence.connectionCount("alice")).toBe(0);
    expect(await presence.connections("alice")).toEqual({ total: 0, servers: {} });
  });
});

describe.skipIf(!REDIS_URL)("Presence contract on redis", () => {
  let raw: Redis | null = null;
  /** A plain client to look at what the servers left in Redis. */
  const inspect = () => {
    if (!raw) {
      raw = new Redis(REDIS_URL!);
      const client = raw;
      cleanups.push(async () => {
        await client.quit();
        raw = null;
      });
    }
    return raw;
  };
  const prefix = () => `beacon-test-${randomBytes(6).toString("hex")}:`;

  async function server(shared: string, serverId: string, options: { leaseMs?: number; url?: string } = {}) {
    const registry = new PeerRegistry();
    const presence = createRedisPresence({ url: options.url ?? REDIS_URL!, prefix: shared, serverId, leaseMs: options.leaseMs ?? 5000, registry });
    cleanups.push(() => presence.close());
    await presence.ready();
    return { registry, presence: presence as Presence & typeof presence };
  }

  it("a user connected on one server is seen from another until the socket closes", async () => {
    const shared = prefix();
    const a = await server(shared, "a");
    const b = await server(shared, "b");
    const close = openSocket(a.registry, "alice");
    openSocket(a.registry, "alice");
    await eventually(async () => (await b.presence.connectionCount("alice")) === 2);
    expect(await b.presence.connections("alice")).toEqual({ total: 2, servers: { a: 2 } });
    openSocket(b.registry, "alice");
    expect(await a.presence.connections("alice")).toEqual({ total: 3, servers: { a: 2, b: 1 } });
    close();
    await eventually(async () => (await b.presence.connections("alice")).total === 2);
    for (const connection of [...a.registry.all()]) a.registry.remove(connection.socket);
    for (const connection of [...b.registry.all()]) b.registry.remove(connection.socket);
    await eventually(async () => (await b.presence.connectionCount("alice")) === 0 && (await a.presence.connectionCount("alice")) === 0);
  });

  it("a server that leaves gracefully takes its users out at once", async () => {
    const shared = prefix();
    const a = await server(shared, "a");
    const b = await server(shared, "b");
    openSocket(a.registry, "bob");
    await eventually(async () => (await b.presence.connectionCount("bob")) === 1);
    await a.presence.close();
    expect(await b.presence.connectionCount("bob")).toBe(0);
  });

  it("a server that dies without cleaning up drops out within its lease", async () => {
    const shared = prefix();
    const a = await server(shared, "a", { leaseMs: 1000 });
    const b = await server(shared, "b", { leaseMs: 1000 });
    openSocket(a.registry, "carol");
    await eventually(async () => (await b.presence.connectionCount("carol")) === 1);
    const diedAt = Date.now();
    await a.presence.close({ graceful: false }); // stops renewing; its keys stay behind, as after kill -9
    expect(await b.presence.connectionCount("carol")).toBe(1);
    await eventually(async () => (await b.presence.connectionCount("carol")) === 0, 5000, 50);
    expect(Date.now() - diedAt).toBeLessThan(1000 + 500);
  });

  it("nothing a dead server wrote outlives its lease, even without anyone looking", async () => {
    const shared = prefix();
    const a = await server(shared, "a", { leaseMs: 1000 });
    openSocket(a.registry, "grace"); // written now, between heartbeats
    await eventually(async () => (await inspect().hget(`${shared}presence:users:a`, "grace")) === "1");
    await a.presence.close({ graceful: false });
    await new Promise((resolve) => setTimeout(resolve, 2300));
    expect(await inspect().keys(`${shared}*`)).toEqual([]);
  });

  it("sockets that come and go while Redis is unreachable are right again once it is back", async () => {
    const shared = prefix();
    const proxy: TcpProxy = await startTcpProxy(redisTarget(REDIS_URL!));
    cleanups.push(() => proxy.close());
    const a = await server(shared, "a", { url: proxy.url, leaseMs: 3000 });
    const b = await server(shared, "b");
    const closeDave = openSocket(a.registry, "dave");
    await eventually(async () => (await b.presence.connectionCount("dave")) === 1);

    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    closeDave();
    openSocket(a.registry, "erin");
    // Cut off, a server still answers for its own sockets.
    expect(await a.presence.connectionCount("erin")).toBe(1);
    proxy.restore();
    await eventually(async () => (await b.presence.connectionCount("erin")) === 1 && (await b.presence.connectionCount("dave")) === 0, 10_000);
  });
});
