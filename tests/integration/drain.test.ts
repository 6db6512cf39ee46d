/**
 * A deploy, shown on real processes: server A gets SIGTERM while users are connected to it and
 * alerts keep flowing. Every socket hears when to come back (delays spread over the window),
 * is closed with 4010, and the real browser client (src/lib/websocket.ts over Node's `ws`)
 * waits that long — not its own backoff — then resumes from its cursor on server B (the load
 * balancer's choice once A is gone). No accepted alert is lost or doubled.
 */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAlertSocket } from "~/lib/websocket";
import type { Alert } from "~/shared/alert";
import { CloseCode } from "~/shared/close-codes";
import { parseServerFrame } from "~/shared/protocol";
import type { BeaconServer } from "../helpers/beacon-server";
import { TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { clusterAvailable, createTestCluster, type TestCluster } from "../helpers/cluster";
import { eventually } from "../helpers/eventually";
import { post, sampleAlert, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { wsUrl } from "../helpers/ws-client";

const WINDOW_MS = 3000;
const USERS = 20;

interface Observed {
  /** When each socket of this client was created (ms epoch). */
  opens: number[];
  reconnectFrames: Array<{ afterMs: number; at: number }>;
  closes: Array<{ code: number; at: number }>;
}

/** `ws`'s WebSocket, recording what the test needs to see; the client under test uses it as its WebSocket. */
function recordingWebSocket(observed: Observed) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url);
      observed.opens.push(Date.now());
      this.addEventListener("message", (event) => {
        const frame = parseServerFrame(String(event.data));
        if (frame?.type === "reconnect") observed.reconnectFrames.push({ afterMs: frame.afterMs, at: Date.now() });
      });
      this.addEventListener("close", (event) => observed.closes.push({ code: event.code, at: Date.now() }));
    }
  };
}

describe.skipIf(!clusterAvailable)("draining a server on SIGTERM", () => {
  let cluster: TestCluster;
  let a: BeaconServer;
  let b: BeaconServer;
  beforeAll(async () => {
    cluster = await createTestCluster({ DRAIN_WINDOW_MS: String(WINDOW_MS), LOG_LEVEL: "info" });
    [a, b] = await Promise.all([cluster.start("drain-a"), cluster.start("drain-b")]);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("tells every socket when to reconnect, spread over the window; clients come back on the other server with nothing lost", async () => {
    // The load balancer: A while it is up, B once A is draining.
    let balancerTarget = a;
    const clients = await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const userId = uniqueUserId(`drain-${i}`);
        const token = await mintToken(TEST_AUTH_SECRET, userId);
        const observed: Observed = { opens: [], reconnectFrames: [], closes: [] };
        const socket = makeAlertSocket({
          url: () => wsUrl(balancerTarget.url, { token }),
          WebSocketImpl: recordingWebSocket(observed) as unknown as typeof globalThis.WebSocket,
          checkSession: async () => "valid",
          wakeups: () => () => {},
        });
        const received: Alert[] = [];
        socket.onAlert((alert) => received.push(alert));
        socket.connect();
        return { userId, socket, observed, received };
      }),
    );
    await eventually(() => clients.every((client) => client.socket.state() === "open"), 10_000);

    // Producers keep publishing through both servers while A drains; only 202s count as accepted.
    const accepted = new Map<string, string[]>(clients.map((client) => [client.userId, []]));
    // What A answered when it did not accept: only "shutting down, publish elsewhere" is right.
    const refusedByA: string[] = [];
    let publishing = true;
    const producer = (async () => {
      for (let n = 0; publishing; n++) {
        const client = clients[n % USERS]!;
        const server = n % 2 === 0 ? a : b;
        const answer = await post(server.url, "/api/alerts", { userId: client.userId, ...sampleAlert({ title: `#${n}` }) }, TEST_PUBLISH_SECRET).catch(() => null);
        if (answer?.status === 202) accepted.get(client.userId)!.push(answer.body.alerts[0].alertId);
        else if (answer && server === a) refusedByA.push(`${answer.status} ${answer.body?.error?.code}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const sigtermAt = Date.now();
    balancerTarget = b;
    const exited = new Promise<number | null>((resolve) => a.process.once("exit", (code) => resolve(code)));
    a.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 500));
    publishing = false;
    await producer;

    for (const answer of refusedByA) expect(answer).toBe("503 server_draining");

    // Every socket heard its own delay, then was closed with 4010.
    for (const { observed } of clients) {
      expect(observed.reconnectFrames).toHaveLength(1);
      expect(observed.closes[0]?.code).toBe(CloseCode.ServerDraining);
    }
    const delays = clients.map((client) => client.observed.reconnectFrames[0]!.afterMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(WINDOW_MS);
    // Spread, not bunched: twenty random delays over 3 s span more than a second.
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(1000);

    // Each client waited the server's delay (not its 1 s backoff) before its next socket.
    for (const { observed } of clients) {
      const closedAt = observed.closes[0]!.at;
      const nextOpen = observed.opens.find((at) => at >= closedAt);
      expect(nextOpen).toBeDefined();
      expect(nextOpen! - closedAt).toBeGreaterThanOrEqual(observed.reconnectFrames[0]!.afterMs - 20);
      expect(nextOpen! - closedAt).toBeLessThan(observed.reconnectFrames[0]!.afterMs + 1000);
    }
    expect(Date.now() - sigtermAt).toBeGreaterThan(WINDOW_MS);

    // Back on B, every accepted alert exactly once, in order. (A publish A answered no more —
    // cut off by the exit — may have been stored anyway and arrive too; never twice.)
    await eventually(() => clients.every((client) => client.socket.state() === "open"), 10_000);
    const missing = () =>
      clients.flatMap((client, i) => {
        const ids = accepted.get(client.userId)!.filter((id) => !client.socket.alerts().some((alert) => alert.id === id));
        return ids.length === 0 ? [] : [{ user: i, via: i % 2 === 0 ? "A" : "B", missing: ids, seqsHeld: client.socket.alerts().map((alert) => alert.seq), sockets: client.observed.opens.length }];
      });
    // Failed once in a CI run (2026-11-30), most likely on a publish A accepted after its bus had
    // closed (A now refuses those). Should it fail again, it names what is missing.
    await eventually(() => missing().length === 0, 10_000).catch((error: Error) => {
      throw new Error(`${error.message}; accepted but not received: ${JSON.stringify(missing())}`);
    });
    for (const client of clients) {
      const got = [...client.socket.alerts()].reverse(); // the client lists newest first
      expect(new Set(got.map((alert) => alert.id)).size).toBe(got.length);
      expect(got.map((alert) => alert.seq)).toEqual([...got.map((alert) => alert.seq)].sort((x, y) => x - y));
      expect(got.map((alert) => alert.id)).toEqual(expect.arrayContaining(accepted.get(client.userId)!));
    }
    // The log line's fields come in any order; read it as JSON rather than match its text.
    const drained = a.output().split("\n").filter((line) => line.includes('"drained; exiting"')).map((line) => JSON.parse(line));
    expect(drained).toEqual([expect.objectContaining({ told: 20, leftOpen: 0 })]);
    for (const client of clients) client.socket.disconnect();
  });
});
