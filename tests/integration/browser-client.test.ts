/**
 * The browser client (src/lib/websocket.ts) against the real server, with Node's `ws` as its
 * WebSocket: the same code the page runs, minus the DOM.
 */
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { makeAlertSocket, type AlertSocket } from "~/lib/websocket";
import type { Alert } from "~/shared/alert";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { post, sampleAlert } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { wsUrl } from "../helpers/ws-client";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function clientFor(server: BeaconServer, token: string, verdict: () => Promise<"valid" | "invalid" | "unknown"> = async () => "valid") {
  const socket = makeAlertSocket({
    url: () => wsUrl(server.url, { token }),
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    backoffMs: [100, 200, 400],
    checkSession: verdict,
    wakeups: () => () => {},
  });
  cleanups.push(() => socket.disconnect());
  return socket;
}

function collect(socket: AlertSocket): Alert[] {
  const received: Alert[] = [];
  socket.onAlert((alert) => received.push(alert));
  return received;
}

describe("the browser client on a real server", () => {
  it("connects, receives alerts once each, and resumes after the server restarts", async () => {
    let server = await startBeaconServer();
    const port = server.port;
    cleanups.push(() => server.stop());
    const socket = clientFor(server, await mintToken(TEST_AUTH_SECRET, "client-1"));
    const received = collect(socket);

    socket.connect();
    await eventually(() => socket.state() === "open");
    await post(server.url, "/api/alerts", { userId: "client-1", ...sampleAlert({ title: "first" }) }, TEST_PUBLISH_SECRET);
    await eventually(() => received.length === 1);
    expect(socket.unreadCount()).toBe(1);

    await server.stop("SIGKILL");
    await eventually(() => socket.state() === "reconnecting");
    server = await startBeaconServer({ DATA_DIR: server.dataDir }, port);
    await eventually(() => socket.state() === "open", 10_000);

    await post(server.url, "/api/alerts", { userId: "client-1", ...sampleAlert({ title: "second" }) }, TEST_PUBLISH_SECRET);
    await eventually(() => received.length === 2);
    expect(received.map((a) => a.title)).toEqual(["first", "second"]);
    expect(socket.alerts().map((a) => a.title)).toEqual(["second", "first"]);
  });

  it("a refused token with a session check saying 'invalid' ends in 'unauthorized', with no retry loop", async () => {
    const server = await startBeaconServer();
    cleanups.push(() => server.stop());
    let checks = 0;
    const socket = clientFor(server, "not-a-valid-token", async () => {
      checks++;
      return "invalid";
    });
    socket.connect();
    await eventually(() => socket.state() === "unauthorized");
    await new Promise((r) => setTimeout(r, 500));
    expect(socket.state()).toBe("unauthorized");
    expect(checks).toBe(1);
  });
});
