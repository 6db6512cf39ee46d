/**
 * A client that stops reading while the server replays a long backlog to it. The server must
 * not buffer the whole backlog for it: it sends a page, waits for the socket to drain, and
 * gives up on a client that does not drain (close 4003). Nothing is lost either way: the
 * client resumes from its cursor.
 *
 * The backlog has to be larger than what the kernel's socket buffers absorb on loopback (a few
 * MB) before the server's own buffer grows: 2,500 alerts of about 4 KB.
 */
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "~/shared/alert";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { sleep } from "../helpers/ladder";
import { publishOne, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const BACKLOG = 2500;
const BODY = "x".repeat(3900);
const DRAIN_TIMEOUT_MS = 1000;

let server: BeaconServer;
beforeAll(async () => {
  server = await startBeaconServer({ WS_MAX_BUFFERED_BYTES: String(64 * 1024), WS_DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS) });
});
afterAll(async () => {
  await server?.stop();
});

async function publishBacklog(userId: string): Promise<string[]> {
  const ids: string[] = new Array(BACKLOG);
  const concurrency = 50;
  for (let start = 0; start < BACKLOG; start += concurrency) {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, BACKLOG - start) }, async (_, i) => {
        ids[start + i] = await publishOne(server.url, TEST_PUBLISH_SECRET, userId, { title: `backlog ${start + i}`, body: BODY });
      }),
    );
  }
  return ids;
}

/** Concurrent publishes commit in any order, so the ids are compared as a set and the order by seq. */
function expectEveryAlertOnceInOrder(received: Alert[], published: string[]): void {
  expect(received.map((alert) => alert.seq)).toEqual(published.map((_, i) => i + 1));
  expect(new Set(received.map((alert) => alert.id))).toEqual(new Set(published));
}

/** The client's TCP socket under `ws`: pausing it is a tab that stopped reading. */
const tcpOf = (socket: TestSocket) => (socket.ws as unknown as { _socket: Socket })._socket;

describe("a client that stops reading during a replay", () => {
  it(
    "is closed with 4003 once it stays behind past the drain timeout, and gets every alert once, in order, when it resumes from its cursor",
    async () => {
      const userId = uniqueUserId("sloth");
      const ids = await publishBacklog(userId);
      const token = await mintToken(TEST_AUTH_SECRET, userId);

      const stalled = await connect(server.url, { token, after: 0 });
      tcpOf(stalled).pause();
      await sleep(DRAIN_TIMEOUT_MS + 1000);
      tcpOf(stalled).resume();
      const closed = await stalled.closed;
      expect(closed.code).toBe(4003);
      const first = stalled.alerts();
      // It was given up on part-way: had the server written the whole backlog, it would not have closed.
      expect(first.length).toBeLessThan(BACKLOG);
      expect(server.output()).toContain("ws client not reading");

      const resumed = await connect(server.url, { token, after: first.at(-1)?.seq ?? 0 });
      await resumed.waitForAlerts(BACKLOG - first.length, 15_000);
      expectEveryAlertOnceInOrder([...first, ...resumed.alerts()], ids);
      await resumed.close();
    },
    60_000,
  );

  it(
    "that only pauses for less than the drain timeout gets the whole replay on the same socket",
    async () => {
      const userId = uniqueUserId("dawdle");
      const ids = await publishBacklog(userId);
      const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, userId), after: 0 });
      tcpOf(socket).pause();
      await sleep(DRAIN_TIMEOUT_MS / 2);
      tcpOf(socket).resume();

      await socket.waitFor("synced", 15_000);
      expectEveryAlertOnceInOrder(socket.alerts(), ids);
      expect(socket.ws.readyState).toBe(socket.ws.OPEN);
      await socket.close();
    },
    60_000,
  );
});
