import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BeaconServer, startBeaconServer } from "../helpers/beacon-server";
import { post } from "../helpers/publish";
import { connect } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");

function cookieFrom(headers: Headers): string {
  return headers.get("set-cookie") ?? "";
}

describe("signing in and out", () => {
  it("the right password sets an httpOnly, SameSite=Lax session cookie that opens the socket", async () => {
    const response = await post(baseUrl, "/api/auth/login", { email: "bob@example.com", password: "beacon-demo" });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({ id: "bob", email: "bob@example.com", name: expect.any(String), role: "user" });
    const setCookie = cookieFrom(response.headers);
    expect(setCookie).toMatch(/^auth_token=[^;]+/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");

    const cookie = setCookie.split(";")[0];
    const session = await fetch(`${baseUrl}/api/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect((await session.json()).user.id).toBe("bob");

    const socket = await connect(baseUrl, { cookie });
    expect((await socket.waitFor("hello")).userId).toBe("bob");
    await socket.close();
  });

  it("a wrong password is 401 invalid_credentials and sets no cookie", async () => {
    const response = await post(baseUrl, "/api/auth/login", { email: "bob@example.com", password: "nope" });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_credentials");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("an unknown email gets the same answer as a wrong password", async () => {
    const response = await post(baseUrl, "/api/auth/login", { email: "mallory@example.com", password: "beacon-demo" });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_credentials");
  });

  it("GET /api/session without a cookie is 401", async () => {
    const response = await fetch(`${baseUrl}/api/session`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("sign-out clears the cookie", async () => {
    const response = await post(baseUrl, "/api/auth/logout", {});
    expect(response.status).toBe(204);
    expect(cookieFrom(response.headers)).toMatch(/^auth_token=;.*Max-Age=0/);
  });

  it("marking read needs a session", async () => {
    expect((await post(baseUrl, "/api/inbox/read-all", {})).status).toBe(401);
  });
});

describe("sign-in is rate limited", () => {
  let server: BeaconServer;
  beforeAll(async () => {
    server = await startBeaconServer({ LOGIN_RATE_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("past the limit the answer is 429 with Retry-After", async () => {
    const attempt = () => post(server.url, "/api/auth/login", { email: "carol@example.com", password: "guess" });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
