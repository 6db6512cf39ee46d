/**
 * One contract, every AlertBus: the in-process default always, Redis when REDIS_URL is set
 * (the real server on the machine, under a channel prefix unique to this run). "Two servers"
 * are two bus instances sharing that prefix, as two Beacon processes would.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryBus } from "~/server/bus/memory";
import { createRedisBus } from "~/server/bus/redis";
import type { AlertBus, BusMessage } from "~/server/bus/types";
import type { Alert } from "~/shared/alert";
import { eventually } from "../../../helpers/eventually";
import { redisTarget, startTcpProxy, type TcpProxy } from "../../../helpers/tcp-proxy";

const REDIS_URL = process.env.REDIS_URL;

function anAlert(userId: string, seq: number): Alert {
  return { id: `id-${seq}-${randomBytes(3).toString("hex")}`, seq, userId, service: "darkwatch", severity: "high", title: `#${seq}`, body: "b", createdAt: new Date().toISOString() };
}

const opened: Array<AlertBus | TcpProxy> = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

interface Backend {
  name: string;
  /** A bus for one server; buses from one `cluster()` call reach each other. */
  cluster(onListenerError?: (error: unknown) => void): { server(id: string, url?: string): Promise<AlertBus> };
}

const memory: Backend = {
  name: "memory",
  cluster(onListenerError = (error) => {
    throw error;
  }) {
    const shared = createMemoryBus(onListenerError);
    return { server: async () => shared };
  },
};

const redis: Backend = {
  name: "redis",
  cluster(onListenerError) {
    const prefix = `beacon-test-${randomBytes(6).toString("hex")}:`;
    return {
      async server(serverId, url = REDIS_URL!) {
        const bus = createRedisBus({ url, prefix, serverId, onListenerError });
        opened.push(bus);
        await bus.ready();
        return bus;
      },
    };
  },
};

describe.each([memory, ...(REDIS_URL ? [redis] : [])])("AlertBus contract on $name", (backend) => {
  it("a subscriber in the publishing process gets each message at once, in order", async () => {
    const bus = await backend.cluster().server("a");
    const got: BusMessage[] = [];
    bus.subscribe((message) => got.push(message));
    const first = { type: "alert", alert: anAlert("alice", 1) } as const;
    const second = { type: "unread", userId: "alice", state: { unreadCount: 0, cursor: 1 } } as const;
    void bus.publish(first);
    void bus.publish(second);
    // Synchronous local fan-out: no await needed before the listeners have run.
    expect(got).toEqual([first, second]);
  });

  it("a listener that throws does not starve the others, and unsubscribing stops delivery", async () => {
    const errors: unknown[] = [];
    const bus = await backend.cluster((error) => errors.push(error)).server("a");
    const got: string[] = [];
    const unsubscribe = bus.subscribe(() => got.push("first"));
    bus.subscribe(() => {
      throw new Error("broken dashboard");
    });
    bus.subscribe(() => got.push("third"));
    await bus.publish({ type: "alert", alert: anAlert("bob", 1) });
    unsubscribe();
    await bus.publish({ type: "alert", alert: anAlert("bob", 2) });
    expect(got).toEqual(["first", "third", "third"]);
    expect(errors).toHaveLength(2);
  });

  it("carries a message type it has never heard of, whole", async () => {
    const cluster = backend.cluster();
    const a = await cluster.server("a");
    const b = await cluster.server("b");
    const got: unknown[] = [];
    b.subscribe((message) => got.push(message));
    const stats = { type: "cluster-stats", serverId: "a", sockets: 3, nested: { rates: [1, 2] } };
    await a.publish(stats as unknown as BusMessage);
    await eventually(() => got.length === 1);
    expect(got).toEqual([stats]);
  });

  it("every server gets a message published on any of them exactly once (the publisher's own included)", async () => {
    const cluster = backend.cluster();
    const a = await cluster.server("a");
    const b = await cluster.server("b");
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe((m) => m.type === "alert" && onA.push(m.alert.seq));
    if (b !== a) b.subscribe((m) => m.type === "alert" && onB.push(m.alert.seq));
    for (let seq = 1; seq <= 50; seq++) await (seq % 2 ? a : b).publish({ type: "alert", alert: anAlert("carol", seq) });
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    await eventually(() => onA.length >= 50 && (b === a || onB.length >= 50));
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
    expect([...onA].sort((x, y) => x - y)).toEqual(expected);
    if (b !== a) expect([...onB].sort((x, y) => x - y)).toEqual(expected);
  });

  it("an alert's silent flag reaches every server with it, and a loud alert arrives without one", async () => {
    const cluster = backend.cluster();
    const a = await cluster.server("a");
    const b = await cluster.server("b");
    const onB: BusMessage[] = [];
    b.subscribe((m) => onB.push(m));
    const quiet = { type: "alert", alert: anAlert("dora", 1), silent: true } as const;
    const loud = { type: "alert", alert: anAlert("dora", 2) } as const;
    await a.publish(quiet);
    await a.publish(loud);
    await eventually(() => onB.length >= 2);
    expect(onB).toEqual([quiet, loud]);
    expect("silent" in onB[1]!).toBe(false);
  });

  it("reports its kind and that it is connected", async () => {
    const bus = await backend.cluster().server("a");
    await eventually(() => bus.status().connected);
    expect(bus.status()).toMatchObject({ kind: backend.name, connected: true, lastError: null, dropped: 0 });
  });
});

describe.skipIf(!REDIS_URL)("Redis bus outages", () => {
  async function serverBehindProxy(cluster: ReturnType<Backend["cluster"]>, id: string) {
    const proxy = await startTcpProxy(redisTarget(REDIS_URL!));
    opened.push(proxy);
    return { proxy, bus: await cluster.server(id, proxy.url) };
  }

  it("a server whose subscription was lost asks all its connections to resync once Redis is back, and hears messages again", async () => {
    const cluster = redis.cluster();
    const a = await cluster.server("a");
    const { proxy, bus: b } = await serverBehindProxy(cluster, "b");
    const resyncs: Array<readonly string[] | null> = [];
    const onB: number[] = [];
    b.onResync((users) => resyncs.push(users));
    b.subscribe((m) => m.type === "alert" && onB.push(m.alert.seq));

    proxy.cut();
    await eventually(() => !b.status().connected);
    await a.publish({ type: "alert", alert: anAlert("dave", 1) }); // b cannot hear this one
    expect(b.status().lastError).not.toBeNull();
    proxy.restore();
    await eventually(() => resyncs.length === 1, 10_000);
    expect(resyncs).toEqual([null]);
    await a.publish({ type: "alert", alert: anAlert("dave", 2) });
    await eventually(() => onB.includes(2));
    expect(onB).toEqual([2]);
  });

  it("a server that could not publish keeps local delivery, and once back names the users others must resync", async () => {
    const cluster = redis.cluster();
    const { proxy, bus: a } = await serverBehindProxy(cluster, "a");
    const b = await cluster.server("b");
    const onA: number[] = [];
    const resyncsOnB: Array<readonly string[] | null> = [];
    a.subscribe((m) => m.type === "alert" && onA.push(m.alert.seq));
    b.onResync((users) => resyncsOnB.push(users));

    proxy.cut();
    await eventually(() => !a.status().connected);
    await a.publish({ type: "alert", alert: anAlert("erin", 1) });
    await a.publish({ type: "alert", alert: anAlert("frank", 1) });
    await a.publish({ type: "cluster-stats" } as unknown as BusMessage); // about nobody: no resync for it
    expect(onA).toEqual([1, 1]);
    expect(a.status().dropped).toBe(3);
    proxy.restore();
    await eventually(() => resyncsOnB.length === 1, 10_000);
    expect([...resyncsOnB[0]!].sort()).toEqual(["erin", "frank"]);
  });

  it("publishing while Redis is away neither throws nor queues without bound", async () => {
    const cluster = redis.cluster();
    const { proxy, bus: a } = await serverBehindProxy(cluster, "a");
    proxy.cut();
    await eventually(() => !a.status().connected);
    for (let seq = 1; seq <= 20_000; seq++) await a.publish({ type: "alert", alert: anAlert(`user-${seq % 50_000}`, seq) });
    expect(a.status().dropped).toBe(20_000);
    const b = await cluster.server("b");
    const resyncs: Array<readonly string[] | null> = [];
    b.onResync((users) => resyncs.push(users));
    proxy.restore();
    // Past the remembered-users cap, the resync covers everyone.
    await eventually(() => resyncs.length === 1, 10_000);
    expect(resyncs).toEqual([null]);
  });
});
