/**
 * The push-subscription API on real production servers: one with VAPID keys (push on), the
 * shared one without (push off), and one in production mode that refuses http:// endpoints.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BeaconServer, startBeaconServer, TEST_AUTH_SECRET } from "../helpers/beacon-server";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { uniqueUserId } from "../helpers/publish";
import { pushServerEnv, type PushService, startPushService } from "../helpers/push-service";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { mintToken } from "../helpers/tokens";

const sharedUrl = inject("baseUrl"); // started without VAPID keys: push is off there
const env = pushServerEnv();
let server: BeaconServer;
let push: PushService;

beforeAll(async () => {
  [server, push] = await Promise.all([startBeaconServer(env), startPushService()]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), push?.close()]);
});

async function as(userId: string | null, baseUrl = server.url) {
  const cookie = userId ? `auth_token=${await mintToken(TEST_AUTH_SECRET, userId)}` : "";
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call("POST", path, body, headers),
    delete: (path: string, body: unknown) => call("DELETE", path, body),
  };
}

describe("GET /api/push/public-key", () => {
  it("gives the VAPID public key browsers subscribe with", async () => {
    const response = await fetch(`${server.url}/api/push/public-key`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
  });

  it("answers 404 feature_disabled when push is not configured", async () => {
    const response = await fetch(`${sharedUrl}/api/push/public-key`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "feature_disabled", message: expect.stringContaining("VAPID") } });
    const me = await as(uniqueUserId("nopush"), sharedUrl);
    expect((await me.post("/api/push/subscriptions", push.subscription())).body.error.code).toBe("feature_disabled");
  });
});

describe("/api/push/subscriptions", () => {
  it("stores this browser's subscription, lists the user's devices, and forgets it on unsubscribe", async () => {
    const me = await as(uniqueUserId("pia"));
    const subscription = push.subscription();

    const created = await me.post("/api/push/subscriptions", subscription);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      subscription: { id: expect.stringMatching(/^ps_/), endpoint: subscription.endpoint, device: "Chrome on Linux", createdAt: expect.any(String) },
    });
    expect(JSON.stringify(created.body)).not.toContain(subscription.keys.auth); // the auth secret never comes back

    expect((await me.get("/api/push/subscriptions")).body).toEqual({ subscriptions: [created.body.subscription] });

    expect((await me.delete("/api/push/subscriptions", { endpoint: subscription.endpoint })).status).toBe(204);
    expect((await me.get("/api/push/subscriptions")).body).toEqual({ subscriptions: [] });
    const again = await me.delete("/api/push/subscriptions", { endpoint: subscription.endpoint });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
  });

  it("keeps one row per device: subscribing again refreshes it, with the browser's own label when it sends one", async () => {
    const me = await as(uniqueUserId("pia"));
    const subscription = push.subscription();
    const first = await me.post("/api/push/subscriptions", subscription);
    const second = await me.post("/api/push/subscriptions", { ...subscription, device: "Work laptop" });
    expect(second.status).toBe(201);
    expect(second.body.subscription).toMatchObject({ id: first.body.subscription.id, device: "Work laptop" });
    expect((await me.get("/api/push/subscriptions")).body.subscriptions).toHaveLength(1);
  });

  it("never shows or removes another user's devices", async () => {
    const owner = await as(uniqueUserId("own"));
    const other = await as(uniqueUserId("oth"));
    const subscription = push.subscription();
    await owner.post("/api/push/subscriptions", subscription);
    expect((await other.get("/api/push/subscriptions")).body).toEqual({ subscriptions: [] });
    expect((await other.delete("/api/push/subscriptions", { endpoint: subscription.endpoint })).status).toBe(404);
    expect((await owner.get("/api/push/subscriptions")).body.subscriptions).toHaveLength(1);
  });

  it("refuses requests without a session with 401", async () => {
    const anonymous = await as(null);
    for (const response of [
      await anonymous.get("/api/push/subscriptions"),
      await anonymous.post("/api/push/subscriptions", push.subscription()),
      await anonymous.delete("/api/push/subscriptions", { endpoint: "https://push.example/x" }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("unauthorized");
    }
  });

  it("answers 400 naming the field that is wrong", async () => {
    const me = await as(uniqueUserId("bad"));
    const subscription = push.subscription();
    const cases: [unknown, string][] = [
      [{ ...subscription, keys: { ...subscription.keys, p256dh: "short" } }, "keys.p256dh"],
      [{ ...subscription, keys: { p256dh: subscription.keys.p256dh } }, "keys.auth"],
      [{ keys: subscription.keys }, "endpoint"],
      [{ ...subscription, endpoint: "ftp://push.example/x" }, "endpoint"],
      [{ ...subscription, extra: true }, "(root)"],
    ];
    for (const [body, path] of cases) {
      const response = await me.post("/api/push/subscriptions", body);
      expect(response.status, `for ${path}`).toBe(400);
      expect(response.body.error.code).toBe("invalid_body");
      expect(response.body.error.details.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    expect((await me.delete("/api/push/subscriptions", {})).body.error.details[0].path).toBe("endpoint");
    expect((await me.post("/api/push/subscriptions", "{not json")).body.error.code).toBe("invalid_json");
    expect((await me.post("/api/push/subscriptions", "x", { "content-type": "text/plain" })).status).toBe(415);
    const huge = await me.post("/api/push/subscriptions", { ...subscription, device: "x".repeat(5000) });
    expect(huge.status).toBe(413);
  });

  it("holds a user to 20 devices", async () => {
    const me = await as(uniqueUserId("many"));
    for (let i = 0; i < 20; i++) expect((await me.post("/api/push/subscriptions", push.subscription())).status).toBe(201);
    const over = await me.post("/api/push/subscriptions", push.subscription());
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "limit_reached", message: expect.stringContaining("20") });
  });
});

describe("push configuration on a production server", () => {
  it("accepts https endpoints of the browsers' push services only, unless PUSH_ALLOW_HTTP_ENDPOINTS and PUSH_ENDPOINT_HOSTS say otherwise", async () => {
    const { PUSH_ALLOW_HTTP_ENDPOINTS: _http, PUSH_ENDPOINT_HOSTS: _hosts, ...strictEnv } = env;
    const strict = await startBeaconServer(strictEnv);
    try {
      const me = await as(uniqueUserId("strict"), strict.url);
      const refusal = async (endpoint: string) => {
        const answer = await me.post("/api/push/subscriptions", { ...push.subscription(), endpoint });
        expect(answer.status).toBe(400);
        return answer.body.error.details;
      };
      expect(await refusal(push.subscription().endpoint)).toEqual([
        { path: "endpoint", message: "must be an https:// push service URL, not http: (PUSH_ALLOW_HTTP_ENDPOINTS allows http for local testing)" },
      ]);
      // https is not enough: a user must not be able to aim the server's POSTs at its own network.
      expect(await refusal("https://10.0.0.7:8443/admin/reset")).toEqual([
        { path: "endpoint", message: "10.0.0.7 is not a known push service (PUSH_ENDPOINT_HOSTS lists the accepted ones)" },
      ]);
      expect(await refusal("https://fcm.googleapis.com.attacker.example/fcm/send/x")).toEqual([
        { path: "endpoint", message: "fcm.googleapis.com.attacker.example is not a known push service (PUSH_ENDPOINT_HOSTS lists the accepted ones)" },
      ]);
      expect(await refusal("https://user:secret@fcm.googleapis.com/fcm/send/x")).toEqual([{ path: "endpoint", message: "must not carry credentials" }]);
      for (const endpoint of [
        "https://fcm.googleapis.com/fcm/send/abc123",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/QGx1c2gK",
        "https://wns2-by3p.notify.windows.com/w/?token=abc",
      ]) {
        expect((await me.post("/api/push/subscriptions", { ...push.subscription(), endpoint })).status).toBe(201);
      }
    } finally {
      await strict.stop();
    }
  });

  it("does not start with a VAPID key pair that does not match, naming the variable", async () => {
    const failure = await startBeaconServer({ ...env, VAPID_PUBLIC_KEY: pushServerEnv().VAPID_PUBLIC_KEY }).then(
      async (started) => {
        await started.stop();
        return null;
      },
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/server exited with 1/);
    expect(failure?.message).toContain("VAPID_PUBLIC_KEY: does not belong to VAPID_PRIVATE_KEY");
    expect(failure?.message).not.toContain(env.VAPID_PRIVATE_KEY);
  });
});

describe.skipIf(!DATABASE_URL)("a store that stops answering (PostgreSQL behind a proxy the test cuts)", () => {
  it("is a 503 store_unavailable with Retry-After, not a 500", async () => {
    const schema = (await createTestSchema())!;
    const target = new URL(DATABASE_URL!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(schema.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const broken = await startBeaconServer({ ...env, DATABASE_URL: url.toString() });
    try {
      const me = await as(uniqueUserId("down"), broken.url);
      expect((await me.post("/api/push/subscriptions", push.subscription())).status).toBe(201);
      proxy.cut();
      const listed = await fetch(`${broken.url}/api/push/subscriptions`, { headers: { cookie: `auth_token=${await mintToken(TEST_AUTH_SECRET, "down")}` } });
      expect(listed.status).toBe(503);
      expect(listed.headers.get("retry-after")).toBe("2");
      expect((await listed.json()).error.code).toBe("store_unavailable");
      expect((await me.post("/api/push/subscriptions", push.subscription())).body.error.code).toBe("store_unavailable");
    } finally {
      await broken.stop();
      await proxy.close();
      await schema.drop();
    }
  });
});

describe("the service worker and icons", () => {
  it("are served from the app's root", async () => {
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    expect(await sw.text()).toContain('addEventListener("push"');
    for (const service of ["darkwatch", "voiceprint", "spamshield", "hometitle", "removebrokers"]) {
      const icon = await fetch(`${server.url}/icons/${service}.svg`);
      expect(icon.status, service).toBe(200);
      expect(icon.headers.get("content-type")).toMatch(/svg/);
    }
  });
});
