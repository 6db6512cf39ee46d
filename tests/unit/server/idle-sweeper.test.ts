import { describe, expect, it } from "vitest";
import { IdleSweeper } from "~/server/realtime/idle-sweeper";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { CloseCode } from "~/shared/close-codes";
import { connectionFor, recordingSocket } from "./recording-socket";

const T0 = 1_750_000_000_000;
const IDLE = 75_000;
const HOUR = 3_600_000;

function setup() {
  let now = T0;
  const registry = new PeerRegistry();
  const sweeper = new IdleSweeper(registry, { idleTimeoutMs: IDLE, now: () => now });
  return { registry, sweeper, advanceTo: (t: number) => (now = t) };
}

describe("culling silent and expired sockets", () => {
  it("a socket silent past the idle timeout is closed with 4000 and forgotten", () => {
    const { registry, sweeper, advanceTo } = setup();
    const socket = recordingSocket();
    registry.add(connectionFor("alice", socket, { lastSeenAt: T0, expiresAt: T0 + HOUR }));

    advanceTo(T0 + IDLE + 1);
    expect(sweeper.sweep()).toBe(1);
    expect(socket.closes).toEqual([{ code: CloseCode.HeartbeatTimeout, reason: expect.any(String) }]);
    expect(socket.closes[0].code).toBe(4000);
    expect(registry.get(socket.id)).toBeUndefined();
    expect(registry.countFor("alice")).toBe(0);
  });

  it("a socket that pinged recently stays open", () => {
    const { registry, sweeper, advanceTo } = setup();
    const socket = recordingSocket();
    const connection = connectionFor("alice", socket, { lastSeenAt: T0, expiresAt: T0 + HOUR });
    registry.add(connection);

    // The client's ping 70 s in is what the ws route records as lastSeenAt.
    connection.lastSeenAt = T0 + 70_000;
    advanceTo(T0 + IDLE + 10_000);
    expect(sweeper.sweep()).toBe(0);
    expect(socket.closes).toEqual([]);
    expect(registry.countFor("alice")).toBe(1);
  });

  it("silence of exactly the timeout is still tolerated", () => {
    const { registry, sweeper, advanceTo } = setup();
    const socket = recordingSocket();
    registry.add(connectionFor("alice", socket, { lastSeenAt: T0, expiresAt: T0 + HOUR }));
    advanceTo(T0 + IDLE);
    expect(sweeper.sweep()).toBe(0);
  });

  it("a socket whose session expired is closed with 4001 so the client re-checks its session", () => {
    const { registry, sweeper, advanceTo } = setup();
    const socket = recordingSocket();
    registry.add(connectionFor("alice", socket, { lastSeenAt: T0, expiresAt: T0 + 10_000 }));

    advanceTo(T0 + 10_000);
    expect(sweeper.sweep()).toBe(1);
    expect(socket.closes.map((c) => c.code)).toEqual([CloseCode.TokenExpired]);
    expect(socket.closes[0].code).toBe(4001);
    expect(registry.size).toBe(0);
  });

  it("only the stale sockets are closed; the user's live tab keeps getting alerts", () => {
    const { registry, sweeper, advanceTo } = setup();
    const stale = recordingSocket();
    const live = recordingSocket();
    registry.add(connectionFor("alice", stale, { lastSeenAt: T0, expiresAt: T0 + HOUR }));
    registry.add(connectionFor("alice", live, { lastSeenAt: T0 + 60_000, expiresAt: T0 + HOUR }));

    advanceTo(T0 + 80_000);
    expect(sweeper.sweep()).toBe(1);
    expect(stale.closes).toHaveLength(1);
    expect(live.closes).toEqual([]);
    expect(registry.sendToUser("alice", "frame")).toBe(1);
    expect(live.sent).toEqual(["frame"]);
    expect(stale.sent).toEqual([]);
  });

  it("a socket that throws on close is still forgotten and does not stop the sweep", () => {
    const { registry, sweeper, advanceTo } = setup();
    const broken = { ...recordingSocket(), close: () => { throw new Error("already closed"); } };
    const other = recordingSocket();
    registry.add(connectionFor("alice", broken, { lastSeenAt: T0, expiresAt: T0 + HOUR }));
    registry.add(connectionFor("bob", other, { lastSeenAt: T0, expiresAt: T0 + HOUR }));

    advanceTo(T0 + IDLE + 1);
    expect(sweeper.sweep()).toBe(2);
    expect(registry.size).toBe(0);
    expect(other.closes).toHaveLength(1);
  });
});
