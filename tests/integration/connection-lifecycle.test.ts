import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { mintToken } from "../helpers/tokens";
import { connect, refusedStatus, type TestSocket, wsUrl } from "../helpers/ws-client";

const cleanupLater: TestSocket[] = [];

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");

async function stats(url: string, secret: string) {
  const response = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${secret}` } });
  return (await response.json()) as { sockets: number; usersOnline: number };
}

describe("connections come and go without leaks", () => {
  it("100 connect/disconnect cycles leave the registry empty", async () => {
    const before = await stats(baseUrl, publishSecret);
    const token = await mintToken(authSecret, "churn");
    for (let round = 0; round < 10; round++) {
      const sockets = await Promise.all(Array.from({ length: 10 }, () => connect(baseUrl, { token })));
      await Promise.all(sockets.map((s) => s.close()));
    }
    await eventually(async () => (await stats(baseUrl, publishSecret)).sockets === before.sockets);
    expect(await stats(baseUrl, publishSecret)).toMatchObject({ sockets: before.sockets, usersOnline: before.usersOnline });
  });

  it("sockets that vanish without a close handshake are removed too", async () => {
    const before = await stats(baseUrl, publishSecret);
    const token = await mintToken(authSecret, "vanish");
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connect(baseUrl, { token })));
    sockets.forEach((s) => s.ws.terminate());
    await eventually(async () => (await stats(baseUrl, publishSecret)).sockets === before.sockets);
  });
});

describe("the server culls silent sockets and expired sessions, and caps sockets per user", () => {
  let server: BeaconServer;
  beforeAll(async () => {
    server = await startBeaconServer({ WS_IDLE_TIMEOUT_MS: "1500", MAX_SOCKETS_PER_USER: "2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a client that stops pinging is closed with 4000 after the heartbeat deadline", async () => {
    const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, "silent") });
    const { code } = await socket.closed;
    expect(code).toBe(4000);
    expect((await stats(server.url, TEST_PUBLISH_SECRET)).sockets).toBe(0);
  });

  it("a client that keeps pinging stays connected past the deadline", async () => {
    const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, "chatty") });
    const pinger = setInterval(() => socket.sendRaw(JSON.stringify({ type: "ping" })), 500);
    await new Promise((r) => setTimeout(r, 3000));
    clearInterval(pinger);
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    await socket.close();
  });

  it("a socket whose session token expires is closed with 4001", async () => {
    const socket = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, "expiring", 2) });
    const pinger = setInterval(() => socket.sendRaw(JSON.stringify({ type: "ping" })), 300);
    const { code } = await socket.closed;
    clearInterval(pinger);
    expect(code).toBe(4001);
  });

  it("a user at the socket cap gets 429 for one more, and room again once a socket closes", async () => {
    const token = await mintToken(TEST_AUTH_SECRET, "many-tabs");
    const first = await connect(server.url, { token });
    await connect(server.url, { token }).then((second) => cleanupLater.push(second));
    expect(await refusedStatus(server.url, { token })).toBe(429);
    // Another user is not affected by this one's cap.
    const other = await connect(server.url, { token: await mintToken(TEST_AUTH_SECRET, "one-tab") });
    await first.close();
    await eventually(async () => (await stats(server.url, TEST_PUBLISH_SECRET)).sockets === 2);
    const again = await connect(server.url, { token });
    await Promise.all([again.close(), other.close(), ...cleanupLater.splice(0).map((s) => s.close())]);
  });

  it("a refused upgrade never enters the registry", async () => {
    const ws = new WebSocket(wsUrl(server.url, { token: "bogus" }));
    ws.on("error", () => {});
    await new Promise((resolve) => ws.once("unexpected-response", resolve));
    ws.terminate();
    expect((await stats(server.url, TEST_PUBLISH_SECRET)).sockets).toBe(0);
  });
});
