import { afterEach, describe, expect, it } from "vitest";
import { createMemoryBus } from "~/server/bus/memory";
import { type BeaconEvent, createEventHub } from "~/server/observe/events";
import { attachObservers, type Observers } from "~/server/observe/observers";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { clusterTotals } from "~/shared/admin";
import { type EventFrame, parseServerFrame, type StatsFrame } from "~/shared/protocol";
import { connectionFor, type RecordingSocket, recordingSocket } from "./recording-socket";

/** Two Beacon servers sharing one bus, each with its own registry and event hub, as with Redis. */
function cluster() {
  const bus = createMemoryBus((error) => {
    throw error;
  });
  const running: Observers[] = [];
  function server(serverId: string) {
    const registry = new PeerRegistry();
    const events = createEventHub((error) => {
      throw error;
    });
    const observers = attachObservers({
      serverId,
      startedAt: new Date(),
      events,
      bus,
      registry,
      storeKind: "sqlite",
      onError: (error) => {
        throw error;
      },
    });
    running.push(observers);
    function open(userId: string, role: "user" | "admin" = "user"): RecordingSocket {
      const socket = recordingSocket();
      registry.add({ ...connectionFor(userId, socket), role });
      return socket;
    }
    return { serverId, registry, events, observers, open };
  }
  return { server, stop: () => running.forEach((observers) => observers.stop()) };
}

const frames = (socket: RecordingSocket) => socket.sent.map((text) => parseServerFrame(text));
const statsFrames = (socket: RecordingSocket) => frames(socket).filter((f): f is StatsFrame => f?.type === "stats");
const eventFrames = (socket: RecordingSocket) => frames(socket).filter((f): f is EventFrame => f?.type === "event");
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

const published = (id: string, userId: string): BeaconEvent => ({
  type: "published",
  at: new Date().toISOString(),
  alert: { id, userId, service: "darkwatch", severity: "high", title: "Leak", createdAt: new Date().toISOString() },
});
const delivered = (alertId: string, userId: string, channel: "websocket" | "push", latencyMs: number): BeaconEvent => ({
  type: "delivery",
  at: new Date().toISOString(),
  alertId,
  userId,
  channel,
  status: "delivered",
  detail: null,
  latencyMs,
});

let current: ReturnType<typeof cluster> | null = null;
afterEach(() => current?.stop());

describe("the dashboard feed", () => {
  it("sends an admin socket the figures at once and each event as it happens; a user's socket gets none of it", async () => {
    current = cluster();
    const one = current.server("one");
    const user = one.open("bob");
    const admin = one.open("alice", "admin");
    await tick();
    expect(statsFrames(admin)).toHaveLength(1);
    expect(statsFrames(admin)[0]!.servers[0]).toMatchObject({ serverId: "one", sockets: 2, usersOnline: 2, adminSockets: 1 });

    one.events.emit(published("a1", "bob"));
    expect(eventFrames(admin).map((frame) => frame.event.type)).toEqual(["published"]);
    expect(frames(user).every((frame) => frame?.type !== "stats" && frame?.type !== "event")).toBe(true);
    expect(user.sent).toEqual([]);
  });

  it("covers the whole cluster: each server's figures, labelled, and events from the other server once a dashboard is open", async () => {
    current = cluster();
    const one = current.server("one");
    const two = current.server("two");
    const admin = one.open("alice", "admin");
    await tick(); // the new dashboard's figures go out on the bus at once, so server two learns someone is watching
    two.events.emit(published("b1", "carol"));
    two.events.emit(delivered("b1", "carol", "websocket", 12));
    await tick(150); // events travel between servers in batches of up to 100 ms

    expect(eventFrames(admin).filter((frame) => frame.serverId === "two").map((frame) => frame.event.type)).toEqual(["published", "delivery"]);
    // And a dashboard opened later on server one starts from them.
    expect(one.observers.adminFeed.recentEvents().map((entry) => `${entry.serverId}:${entry.event.type}`)).toEqual(["two:published", "two:delivery"]);
  });

  it("keeps other servers' reports and sums them: totals, channels and a merged latency histogram", async () => {
    current = cluster();
    const one = current.server("one");
    const two = current.server("two");
    one.open("alice", "admin");
    two.open("bob", "admin");
    await tick();
    one.events.emit(published("a1", "x"));
    one.events.emit(delivered("a1", "x", "websocket", 4));
    two.events.emit(published("b1", "y"));
    two.events.emit(published("b2", "y"));
    two.events.emit({ type: "delivery", at: new Date().toISOString(), alertId: "b1", userId: "y", channel: "websocket", status: "skipped", detail: "no socket", latencyMs: 1 });
    two.events.emit(delivered("b1", "y", "push", 900));
    // A new dashboard on each server publishes that server's figures at once.
    one.open("alice", "admin");
    two.open("bob", "admin");
    await tick();

    const stats = one.observers.adminFeed.clusterStats();
    expect(stats.servers.map((server) => server.serverId)).toEqual(["one", "two"]);
    const totals = clusterTotals(stats.servers);
    expect(totals).toMatchObject({ servers: 2, published: 3, fallbacks: 1, failures: 0, sockets: 4 });
    expect(totals.deliveries).toEqual({
      websocket: { delivered: 1, skipped: 1, failed: 0 },
      push: { delivered: 1, skipped: 0, failed: 0 },
    });
    expect(totals.latencyP50Ms).toBe(5);
    expect(totals.latencyP99Ms).toBe(1000);
    expect(totals.alertsPerSecond.reduce((a, b) => a + b, 0)).toBeCloseTo(3 / 5);
  });

  it("limits event frames to 200 a second per server and counts the rest as dropped", async () => {
    current = cluster();
    const one = current.server("one");
    const admin = one.open("alice", "admin");
    await tick();
    const before = eventFrames(admin).length;
    for (let i = 0; i < 500; i++) one.events.emit(published(`a${i}`, "bob"));
    const sent = eventFrames(admin).length - before;
    expect(sent).toBeLessThanOrEqual(200);
    expect(sent).toBeGreaterThan(0);
    expect(one.observers.adminFeed.clusterStats().servers[0]!.eventsDropped).toBe(500 - sent);
    expect(one.observers.adminFeed.clusterStats().servers[0]!.published).toBe(500);
  });

  it("a server's own bus messages for the dashboard never reach users' sockets (local fan-out ignores them)", async () => {
    const { wireDelivery } = await import("~/server/delivery");
    const { createSqliteStore } = await import("~/server/store/sqlite");
    const bus = createMemoryBus((error) => {
      throw error;
    });
    const registry = new PeerRegistry();
    wireDelivery({ registry, bus, store: createSqliteStore(":memory:"), maxGroupSize: 10 });
    const socket = recordingSocket();
    registry.add(connectionFor("bob", socket));
    current = cluster();
    const elsewhere = current.server("elsewhere");
    await bus.publish({ type: "events", serverId: "elsewhere", events: [published("z", "bob")] });
    await bus.publish({ type: "stats", serverId: "elsewhere", stats: elsewhere.observers.adminFeed.clusterStats().servers[0]! });
    expect(socket.sent).toEqual([]);
  });
});
