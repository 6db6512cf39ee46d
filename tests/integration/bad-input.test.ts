import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, inject, it } from "vitest";
import { post, sampleAlert } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function socketFor(userId: string) {
  const socket = await connect(baseUrl, { token: await mintToken(authSecret, userId) });
  open.push(socket);
  return socket;
}

describe("bad WebSocket frames get clear errors and never break the server", () => {
  it("ping is answered with pong", async () => {
    const socket = await socketFor("frames-1");
    socket.sendRaw(JSON.stringify({ type: "ping" }));
    const pong = await socket.waitFor("pong");
    expect(Date.parse(pong.serverTime)).not.toBeNaN();
  });

  it.each([
    ["text that is not JSON", "hello?", "invalid_json"],
    ["JSON that is not an object", "[1,2,3]", "invalid_frame"],
    ["an object without a type", JSON.stringify({ kind: "ping" }), "invalid_frame"],
    ["a type the server does not know", JSON.stringify({ type: "subscribe", topic: "user:someone-else" }), "unknown_type"],
  ])("%s gets an error frame and the socket keeps working", async (_name, frame, code) => {
    const socket = await socketFor("frames-2");
    socket.sendRaw(frame);
    const error = await socket.waitFor("error");
    expect(error.code).toBe(code);
    expect(error.message).not.toContain("someone-else");
    socket.sendRaw(JSON.stringify({ type: "ping" }));
    await socket.waitFor("pong");
  });

  it("a binary frame gets binary_not_supported", async () => {
    const socket = await socketFor("frames-3");
    socket.sendRaw(Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    expect((await socket.waitFor("error")).code).toBe("binary_not_supported");
  });

  it("a frame over the size cap closes that socket with 1009, and others are unaffected", async () => {
    const bystander = await socketFor("frames-4b");
    const socket = await socketFor("frames-4");
    socket.sendRaw(JSON.stringify({ type: "ping", padding: "x".repeat(64 * 1024) }));
    const { code } = await socket.closed;
    expect(code).toBe(1009);
    bystander.sendRaw(JSON.stringify({ type: "ping" }));
    await bystander.waitFor("pong");
  });
});

describe("the publish API refuses bad requests with a JSON error naming the problem", () => {
  it("no secret → 401", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "x", ...sampleAlert() });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
  });

  it("a wrong secret → 401", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "x", ...sampleAlert() }, "wrong-secret");
    expect(response.status).toBe(401);
  });

  it("a body that fails validation → 400 with the issues by field", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "x", ...sampleAlert({ severity: "apocalyptic", title: "" }) }, publishSecret);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_body");
    const paths = response.body.error.details.map((d: { path: string }) => d.path).join(" ");
    expect(paths).toMatch(/severity|title/);
  });

  it("neither userId nor userIds → 400", async () => {
    const response = await post(baseUrl, "/api/alerts", sampleAlert(), publishSecret);
    expect(response.status).toBe(400);
  });

  it("a javascript: action link is refused", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "x", ...sampleAlert({ actionUrl: "javascript:alert(1)" }) }, publishSecret);
    expect(response.status).toBe(400);
  });

  it("text that is not JSON → 400 invalid_json", async () => {
    const response = await post(baseUrl, "/api/alerts", "{not json", publishSecret);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_json");
  });

  it("a body over the cap → 413", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "x", ...sampleAlert({ body: "x".repeat(200_000) }) }, publishSecret);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("body_too_large");
  });

  it("a chunked body with no length that grows past the cap → 413, and the server stays up", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(new URL("/api/alerts", baseUrl), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${publishSecret}`, "transfer-encoding": "chunked" },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write(`{"userId":"x","body":"`);
      for (let i = 0; i < 20; i++) request.write("x".repeat(10_000));
      request.end(`"}`);
    });
    expect(status).toBe(413);
  });

  it("anything but POST → 405 with Allow, and other paths under /api/alerts → 404", async () => {
    const get = await fetch(new URL("/api/alerts", baseUrl));
    expect([get.status, get.headers.get("allow"), (await get.json()).error.code]).toEqual([405, "POST", "method_not_allowed"]);
    const other = await post(baseUrl, "/api/alerts/extra", { userId: "x", ...sampleAlert() }, publishSecret);
    expect(other.status).toBe(404);
  });

  it("a form body → 415", async () => {
    const response = await post(baseUrl, "/api/alerts", "userId=x", publishSecret, { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
  });

  it("a bad service event → 400 with the pipeline's issues", async () => {
    const response = await post(baseUrl, "/api/services/darkwatch/events", { userId: "x", breachName: "" }, publishSecret);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("darkwatch");
    expect(response.body.error.details.length).toBeGreaterThan(0);
  });

  it("an unknown service → 404", async () => {
    const response = await post(baseUrl, "/api/services/nosuch/events", { userId: "x" }, publishSecret);
    expect(response.status).toBe(404);
  });

  it("after all of that the server still delivers", async () => {
    const socket = await socketFor("still-alive");
    const response = await post(baseUrl, "/api/alerts", { userId: "still-alive", ...sampleAlert() }, publishSecret);
    expect(response.status).toBe(202);
    await socket.waitFor("alert");
  });
});
