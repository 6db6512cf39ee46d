import { createServer, connect as tcpConnect, type Server, type Socket } from "node:net";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { signSessionToken } from "~/server/auth/token";
import { startBeaconServer } from "../helpers/beacon-server";
import { eventually } from "../helpers/eventually";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { publishOne, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((socket) => socket.close()));
});

function adminToken(userId = "alice") {
  return signSessionToken(new TextEncoder().encode(authSecret), { userId, role: "admin" }, 3600);
}

async function socket(token: string) {
  const opened = await connect(baseUrl, { token });
  open.push(opened);
  return opened;
}

/** One sample's value from the Prometheus text, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split("\n")
    .find((row) => row.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => row.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe("the operators' live dashboard feed", () => {
  it("an admin socket gets the cluster's stats within 6 s and each event within 1 s of a publish; a user's socket gets neither", async () => {
    const admin = await socket(await adminToken());
    const userId = uniqueUserId("dashboard-watched");
    const user = await socket(await mintToken(authSecret, userId));

    const stats = await admin.waitFor("stats", 6000);
    expect(stats.servers.length).toBeGreaterThanOrEqual(1);
    expect(stats.servers[0]).toMatchObject({ bus: "memory", adminSockets: expect.any(Number), sockets: expect.any(Number) });
    expect(stats.servers[0]!.sockets).toBeGreaterThanOrEqual(1);

    const started = Date.now();
    const alertId = await publishOne(baseUrl, publishSecret, userId);
    const published = await admin.waitFor("event", 1000, (frame) => frame.event.type === "published" && JSON.stringify(frame.event).includes(alertId));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(published.serverId).toBe(stats.servers[0]!.serverId);
    const delivered = await admin.waitFor("event", 1000, (frame) => frame.event.type === "delivery" && JSON.stringify(frame.event).includes(alertId));
    expect(delivered.event).toMatchObject({ channel: "websocket", status: "delivered", userId });

    // At the next stats round (which counts the alert), the user's socket has still seen only its own frames.
    await admin.waitFor("stats", 7000, (frame) => frame.at > stats.at && frame.servers[0]!.published > stats.servers[0]!.published);
    expect(user.frames.map((frame) => frame.type).filter((type) => type === "stats" || type === "event")).toEqual([]);
    expect(user.alerts().map((alert) => alert.id)).toEqual([alertId]);
  }, 20_000);

  it("the snapshot is for admins only: 401 signed out, 403 for a user, figures and recent events for an admin", async () => {
    const url = `${baseUrl}/api/admin/snapshot`;
    expect((await fetch(url)).status).toBe(401);
    const forbidden = await fetch(url, { headers: { cookie: `auth_token=${await mintToken(authSecret, "bob")}` } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: "forbidden" } });

    const alertId = await publishOne(baseUrl, publishSecret, uniqueUserId("snapshot"));
    const allowed = await fetch(url, { headers: { cookie: `auth_token=${await adminToken()}` } });
    expect(allowed.status).toBe(200);
    const body = await allowed.json();
    expect(body.stats.servers[0].published).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(body.events)).toContain(alertId);
  });
});

describe("GET /metrics", () => {
  it("counts move after a publish: published by service, deliveries by channel, the latency histogram", async () => {
    const before = await (await fetch(`${baseUrl}/metrics`)).text();
    const userId = uniqueUserId("metrics");
    await socket(await mintToken(authSecret, userId));
    await publishOne(baseUrl, publishSecret, userId, { service: "voiceprint", severity: "critical" });

    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const after = await response.text();
    const published = { service: "voiceprint", severity: "critical" };
    expect(sample(after, "beacon_alerts_published_total", published)).toBe(sample(before, "beacon_alerts_published_total", published) + 1);
    const delivered = { service: "voiceprint", channel: "websocket", status: "delivered" };
    expect(sample(after, "beacon_deliveries_total", delivered)).toBe(sample(before, "beacon_deliveries_total", delivered) + 1);
    expect(sample(after, "beacon_delivery_latency_seconds_count", { channel: "websocket" })).toBeGreaterThan(
      sample(before, "beacon_delivery_latency_seconds_count", { channel: "websocket" }),
    );
    expect(sample(after, "beacon_sockets", {})).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds\{server_id="[^"]+"\} [\d.e-]+$/m);
    expect(after).toMatch(/^beacon_errors_total\{source="store",server_id="[^"]+"\} 0$/m);
  });

  it("asks for the bearer METRICS_TOKEN when one is configured", async () => {
    const token = "metrics-token-0123456789abcdef";
    const server = await startBeaconServer({ METRICS_TOKEN: token });
    try {
      const refused = await fetch(`${server.url}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("beacon-metrics");
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
      const allowed = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain("beacon_alerts_published_total");
    } finally {
      await server.stop();
    }
  });
});

describe("the server's logs", () => {
  it("are JSON lines, and no token, secret, cookie or password reaches them, even at debug level", async () => {
    const server = await startBeaconServer({ LOG_LEVEL: "debug", DATABASE_URL: "" });
    try {
      const token = await mintToken(authSecret, "bob");
      const tab = await connect(server.url, { token });
      await publishOne(server.url, publishSecret, "bob");
      await tab.waitFor("alert");
      await tab.close();
      await fetch(`${server.url}/api/alerts`, { method: "POST", headers: { authorization: "Bearer wrong-secret-0123456789abcdef" }, body: "{}" });
      await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "login-attempt-1" },
        body: JSON.stringify({ email: "bob@example.com", password: "beacon-demo" }),
      });
      await fetch(`${server.url}/api/inbox`, { headers: { cookie: `auth_token=${token}` } });
      const expired = await signSessionToken(new TextEncoder().encode(authSecret), { userId: "bob" }, -10);
      await connect(server.url, { token: expired }).catch(() => {});
      await fetch(`${server.url}/metrics`);

      const output = server.output();
      for (const secret of [token, expired, publishSecret, authSecret, "beacon-demo", "wrong-secret-0123456789abcdef"]) {
        expect(output).not.toContain(secret);
      }
      const lines = output.split("\n").filter((line) => line.startsWith("{"));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    } finally {
      await server.stop();
    }
  });

  it("a publish answers with its request id, the caller's own when it sent a sane one", async () => {
    const response = await fetch(`${baseUrl}/api/alerts`, { method: "POST", headers: { "x-request-id": "deploy-check-42" }, body: "{}" });
    expect(response.headers.get("x-request-id")).toBe("deploy-check-42");
    const generated = await fetch(`${baseUrl}/api/alerts`, { method: "POST", headers: { "x-request-id": "bad id with spaces" }, body: "{}" });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("health and readiness", () => {
  it("/healthz says the process is alive; /readyz that the store and bus answer", async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", store: { ok: true }, bus: { kind: "memory", ok: true } });
  });

  describe.skipIf(!DATABASE_URL)("with PostgreSQL behind a connection that can be cut", () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it("/readyz answers 503 naming the store while PostgreSQL is unreachable, and 200 again once it is back", async () => {
      const schema = (await createTestSchema())!;
      cleanups.push(schema.drop);
      const target = new URL(schema.url);
      const proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
      cleanups.push(() => proxy.close());
      target.hostname = "127.0.0.1";
      target.port = String(proxy.port);
      const server = await startBeaconServer({ DATABASE_URL: target.toString() });
      cleanups.push(() => server.stop());

      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await proxy.cut();
      const down = await fetch(`${server.url}/readyz`);
      expect(down.status).toBe(503);
      const body = await down.json();
      expect(body).toMatchObject({ status: "unavailable", store: { kind: "postgres", ok: false } });
      expect(body.reasons.join(" ")).toMatch(/^store \(postgres\) unreachable: /);
      // Liveness is a different question: the process is fine and should not be restarted.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      await proxy.resume();
      await eventually(async () => (await fetch(`${server.url}/readyz`)).status === 200, 10_000, 200);
    }, 30_000);
  });
});

/** A TCP forwarder to PostgreSQL that can drop every connection and refuse new ones, then listen again on the same port. */
async function startTcpProxy(targetPort: number, targetHost: string) {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = tcpConnect(targetPort, targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  const cut = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  return { port, cut, resume: listen, close: () => cut().catch(() => {}) };
}
