import { createECDH } from "node:crypto";
import { createServer } from "node:net";
import { afterEach, describe, expect, inject, it } from "vitest";
import { verifySessionToken } from "~/server/auth/token";
import { startBeaconServer } from "../helpers/beacon-server";
import { type CliRun, type RunningCli, runCli, startCli } from "../helpers/cli";
import { eventually } from "../helpers/eventually";
import { freePort } from "../helpers/free-port";
import { createTestSchema, DATABASE_URL } from "../helpers/postgres";
import { uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const env = { BEACON_URL: baseUrl, BEACON_PUBLISH_SECRET: publishSecret, AUTH_SECRET: authSecret };

const running: RunningCli[] = [];
const outputs: CliRun[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill("SIGINT");
    outputs.push(await cli.exited);
  }
  // No command, whatever it printed, ever shows a secret it was given.
  for (const run of outputs.splice(0)) {
    for (const secret of [publishSecret, authSecret]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  }
});

async function run(args: string[], extraEnv: Record<string, string> = env) {
  const result = await runCli(args, extraEnv);
  outputs.push(result);
  return result;
}

function start(args: string[], extraEnv: Record<string, string> = env) {
  const cli = startCli(args, extraEnv);
  running.push(cli);
  return cli;
}

const sendArgs = (userId: string, title: string) => ["send", "--user", userId, "--service", "darkwatch", "--severity", "high", "--title", title];

describe("beacon send and tail against a real server", () => {
  it("tail streams the alert that send published, and send prints its id", async () => {
    const userId = uniqueUserId("cli-tail");
    const tail = start(["tail", "--user", userId, "--json", "--count", "1"]);
    await tail.waitFor(/connected to .* as /);

    const sent = await run([...sendArgs(userId, "Password found in a breach"), "--teaser", "Change it now", "--action-url", "/alerts"]);
    expect(sent.code).toBe(0);
    const [alertId, recipient, status] = sent.stdout.trim().split("\t");
    expect(alertId).toMatch(/^[0-9A-Z]{26}$/);
    expect(recipient).toBe(userId);
    expect(status).toBe("delivered_live");

    const result = await tail.exited;
    expect(result.code).toBe(0);
    const alert = JSON.parse(result.stdout.trim());
    expect(alert).toMatchObject({ id: alertId, userId, title: "Password found in a breach", teaser: "Change it now", actionUrl: "/alerts", seq: 1 });
  });

  it("tail --ack acknowledges each alert it prints, so the ladder stops at the socket; without it the ladder waits on", async () => {
    const inboxItem = async (userId: string, alertId: string) => {
      const cookie = `auth_token=${await mintToken(authSecret, userId)}`;
      const response = await fetch(new URL(`/api/inbox/${alertId}`, baseUrl), { headers: { cookie } });
      return (await response.json()).item as { escalation: { step: string } | null; deliveries: Array<{ channel: string; status: string }> };
    };
    const tailOne = async (userId: string, flags: string[]) => {
      const tail = start(["tail", "--user", userId, "--json", "--count", "1", ...flags]);
      await tail.waitFor(/connected to .* as /);
      const sent = await run(sendArgs(userId, "Deed change recorded"));
      const result = await tail.exited;
      expect(result.code).toBe(0);
      return sent.stdout.trim().split("\t")[0]!;
    };

    const acking = uniqueUserId("cli-ack");
    const acked = await tailOne(acking, ["--ack"]);
    await eventually(async () => (await inboxItem(acking, acked)).escalation === null);
    expect((await inboxItem(acking, acked)).deliveries).toContainEqual(expect.objectContaining({ channel: "websocket", status: "acknowledged" }));

    // The shared server's ack window is 10 s: well after this, the alert still waits for a tab's ack.
    const watching = uniqueUserId("cli-watch");
    const watched = await tailOne(watching, []);
    const item = await inboxItem(watching, watched);
    expect(item.escalation?.step).toBe("socket");
    expect(item.deliveries.map((record) => record.status)).not.toContain("acknowledged");
  });

  it("send --json prints the server's answer for each recipient of a group", async () => {
    const [a, b] = [uniqueUserId("cli-group"), uniqueUserId("cli-group")];
    const sent = await run(["send", "--user", a, "--group", b, "--service", "spamshield", "--severity", "low", "--title", "Blocked a call", "--json"]);
    expect(sent.code).toBe(0);
    const body = JSON.parse(sent.stdout);
    expect(body.alerts.map((alert: { userId: string }) => alert.userId)).toEqual([a, b]);
  });

  it("tail reconnects after the server restarts and resumes after the last alert it printed", async () => {
    const port = await freePort();
    let server = await startBeaconServer({}, port);
    const local = { ...env, BEACON_URL: server.url };
    const userId = uniqueUserId("cli-resume");
    const tail = start(["tail", "--user", userId, "--count", "2"], local);
    try {
      await tail.waitFor(/connected to /);
      expect((await run(sendArgs(userId, "Before the restart"), local)).code).toBe(0);
      await tail.waitFor(/Before the restart/);

      await server.crash();
      await tail.waitFor(/reconnecting in \d/);
      server = await startBeaconServer({ DATA_DIR: server.dataDir }, port);
      await tail.waitFor(/connected to [^\n]*cursor 1/, 15_000);
      expect((await run(sendArgs(userId, "After the restart"), local)).code).toBe(0);

      const result = await tail.exited;
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain("Before the restart");
      expect(lines[1]).toContain("After the restart");
    } finally {
      await server.stop();
    }
  }, 40_000);

  it("a wrong publish secret exits 1 with the server's own message", async () => {
    const result = await run(sendArgs("bob", "x"), { ...env, BEACON_PUBLISH_SECRET: "not-the-secret-0123456789abc" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the server refused (401): missing or invalid publish credentials [unauthorized]");
    expect(result.stdout).toBe("");
  });

  it("an alert the server finds invalid exits 1 naming the field", async () => {
    const result = await run(["send", "--user", "bob", "--service", "nope", "--severity", "high", "--title", "x"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(400\).*\[invalid_body\][\s\S]*"path": "service"/);
  });

  it("an unreachable server exits 1 saying so", async () => {
    const result = await run(sendArgs("bob", "x"), { ...env, BEACON_URL: `http://127.0.0.1:${await freePort()}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it("a token the server refuses stops tail with exit 1 instead of retrying forever", async () => {
    const result = await run(["tail", "--token", "not.a.token"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the server closed the stream \(401\)/);
  });
});

describe("beacon usage errors", () => {
  it.each([
    [["send", "--titel", "typo"], /Unknown option '--titel'/],
    [["send", "--service", "darkwatch", "--severity", "high", "--title", "x"], /--user or --group is required/],
    [["send", "--user", "bob", "--severity", "high", "--title", "x"], /--service is required/],
    [["token", "--user", "alice", "--ttl", "soon"], /--ttl must be a duration/],
    [["tail"], /--user \(with AUTH_SECRET set\) or --token is required/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [[], /Usage: beacon <command>/],
  ])("beacon %j prints the usage and exits 2", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: beacon <command>");
  });

  it("a missing secret exits 2 and names the variable to set", async () => {
    const result = await run(sendArgs("bob", "x"), { BEACON_URL: baseUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("set BEACON_PUBLISH_SECRET or pass --secret");
  });
});

describe("beacon token, vapid and doctor", () => {
  it("token mints a session the server's verifier accepts, with the admin role and the ttl asked for", async () => {
    const result = await run(["token", "--user", "alice", "--admin", "--ttl", "2h"]);
    expect(result.code).toBe(0);
    const verified = await verifySessionToken(new TextEncoder().encode(authSecret), result.stdout.trim());
    expect(verified).toMatchObject({ ok: true, claims: { userId: "alice", role: "admin" } });
    if (!verified.ok) return;
    expect(verified.claims.expiresAt - Date.now() / 1000).toBeGreaterThan(7100);
    expect(verified.claims.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(7200);
  });

  it("vapid prints a P-256 key pair whose private key derives its public key", async () => {
    const result = await run(["vapid", "--json"]);
    expect(result.code).toBe(0);
    const { publicKey, privateKey } = JSON.parse(result.stdout);
    const publicBytes = Buffer.from(publicKey, "base64url");
    expect(publicBytes).toHaveLength(65);
    expect(publicBytes[0]).toBe(0x04);
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
    expect(ecdh.getPublicKey().equals(publicBytes)).toBe(true);
  });

  it("doctor reaches the store, Redis, an SMTP server and the running server, and passes", async () => {
    const smtp = await fakeSmtpGreeter();
    const vapid = JSON.parse((await run(["vapid", "--json"])).stdout);
    const schema = await createTestSchema();
    try {
      const result = await run(["doctor"], {
        ...env,
        ...(schema ? { DATABASE_URL: schema.url } : { DATA_DIR: "/tmp" }),
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        PUBLISH_SECRET: publishSecret,
        METRICS_TOKEN: "metrics-token-0123456789abcdef",
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: "mailto:ops@example.com",
        SMTP_URL: `smtp://mailer:smtp-password-123456@127.0.0.1:${smtp.port}`,
        EMAIL_FROM: "Beacon <alerts@example.com>",
      });
      expect(result.stdout).toMatch(/^✓ store/m);
      expect(result.stdout).toMatch(process.env.REDIS_URL ? /^✓ bus +Redis .* answered \+PONG/m : /^✓ bus +memory bus/m);
      expect(result.stdout).toMatch(/^✓ smtp .*greeted: 220 fake-smtp ready/m);
      expect(result.stdout).toMatch(/^✓ push +VAPID keys valid and matching/m);
      expect(result.stdout).toMatch(/^✓ server .* is ready/m);
      expect(result.stdout).not.toContain("smtp-password-123456");
      expect(result.code).toBe(0);
    } finally {
      smtp.close();
      await schema?.drop();
    }
  });

  it("doctor names what is missing or unreachable and exits 1", async () => {
    const closedPort = await freePort();
    const result = await run(["doctor"], {
      DATA_DIR: "/tmp",
      REDIS_URL: `redis://:redis-password-123456@127.0.0.1:${closedPort}`,
      SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
      VAPID_PUBLIC_KEY: "not-a-key",
      AUTH_SECRET: "short",
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ config +AUTH_SECRET: must be at least 32 characters/m);
    expect(result.stdout).toMatch(/^✗ bus .*ECONNREFUSED/m);
    expect(result.stdout).toMatch(/^✗ smtp .*ECONNREFUSED/m);
    expect(result.stdout).toMatch(/^✗ email +EMAIL_FROM is not set/m);
    expect(result.stdout).toMatch(/^✗ push +missing VAPID_PRIVATE_KEY, VAPID_SUBJECT/m);
    expect(result.stdout).toMatch(/^! metrics +METRICS_TOKEN not set/m);
    expect(result.stdout).not.toContain("redis-password-123456");
  });
});

/** A TCP server that greets like an SMTP server and hangs up: what doctor's banner check reads. */
async function fakeSmtpGreeter() {
  const server = createServer((socket) => socket.end("220 fake-smtp ready ESMTP\r\n"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, close: () => server.close() };
}
