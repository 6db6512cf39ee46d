import { SignJWT } from "jose";
import { afterEach, describe, expect, inject, it } from "vitest";
import { connect, refusedStatus, type TestSocket } from "../helpers/ws-client";
import { mintToken } from "../helpers/tokens";

const baseUrl = inject("baseUrl");
const secret = inject("authSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe("who may open /ws/alerts", () => {
  it("a valid token in ?token= connects and the server says hello with the user's id, time and unread count", async () => {
    const socket = await connect(baseUrl, { token: await mintToken(secret, "ws-auth-1") });
    open.push(socket);
    const hello = await socket.waitFor("hello");
    expect(hello.userId).toBe("ws-auth-1");
    expect(hello.unreadCount).toBe(0);
    expect(Math.abs(Date.parse(hello.serverTime) - Date.now())).toBeLessThan(5000);
  });

  it("the auth_token cookie authenticates too", async () => {
    const token = await mintToken(secret, "ws-auth-2");
    const socket = await connect(baseUrl, { cookie: `other=1; auth_token=${token}` });
    open.push(socket);
    expect((await socket.waitFor("hello")).userId).toBe("ws-auth-2");
  });

  it("no token at all is refused with 401 before the upgrade", async () => {
    expect(await refusedStatus(baseUrl)).toBe(401);
  });

  it("a malformed token is refused with 401", async () => {
    expect(await refusedStatus(baseUrl, { token: "not-a-jwt" })).toBe(401);
  });

  it("an expired token is refused with 401", async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("ws-auth-3")
      .setIssuer("beacon")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expect(await refusedStatus(baseUrl, { token: expired })).toBe(401);
  });

  it("a token signed with another key is refused with 401", async () => {
    expect(await refusedStatus(baseUrl, { token: await mintToken("another-secret-another-secret-another!", "x") })).toBe(401);
  });

  it("a page on another site cannot open a socket with the user's cookie (403)", async () => {
    const token = await mintToken(secret, "ws-auth-4");
    expect(await refusedStatus(baseUrl, { cookie: `auth_token=${token}`, origin: "https://evil.example" })).toBe(403);
  });

  it("the app's own origin is accepted", async () => {
    const token = await mintToken(secret, "ws-auth-5");
    const socket = await connect(baseUrl, { cookie: `auth_token=${token}`, origin: baseUrl });
    open.push(socket);
    expect((await socket.waitFor("hello")).userId).toBe("ws-auth-5");
  });

  it("other paths under /ws are not WebSocket routes (404)", async () => {
    const token = await mintToken(secret, "ws-auth-6");
    expect(await refusedStatus(baseUrl, { token, path: "/ws/alertsx" })).toBe(404);
    expect(await refusedStatus(baseUrl, { token, path: "/ws/other" })).toBe(404);
  });

  it("a plain HTTP GET of /ws/alerts is told to upgrade (426)", async () => {
    const response = await fetch(`${baseUrl}/ws/alerts`);
    expect(response.status).toBe(426);
    expect((await response.json()).error.code).toBe("upgrade_required");
  });
});
