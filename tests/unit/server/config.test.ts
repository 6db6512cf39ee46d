import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateVapidKeys } from "~/cli/commands/vapid";
import { KNOWN_PUSH_SERVICE_HOSTS } from "~/server/channels/push-endpoint-policy";
import { ConfigError, loadConfig } from "~/server/config";

const AUTH_SECRET = "x".repeat(32);
const PUBLISH_SECRET = "p".repeat(24);

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "beacon-config-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** An environment with both secrets set, so nothing is written unless a test wants it. */
const env = (extra: Record<string, string | undefined> = {}) => ({ DATA_DIR: dataDir, AUTH_SECRET, PUBLISH_SECRET, ...extra });

function configError(extra: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env(extra));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected loadConfig to throw");
}

describe("configuration from the environment", () => {
  it("starts with sensible defaults", () => {
    const config = loadConfig(env());
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      dataDir,
      publishSecret: PUBLISH_SECRET,
      sessionTtlSeconds: 604_800,
      allowedOrigins: [],
      wsIdleTimeoutMs: 75_000,
      wsMaxBufferedBytes: 1_048_576,
      wsDrainTimeoutMs: 30_000,
      maxBodyBytes: 65_536,
      maxGroupSize: 1000,
      simulatorEnabled: true,
      loginRatePerMinute: 10,
      generatedSecrets: [],
    });
    expect(new TextDecoder().decode(config.authSecret)).toBe(AUTH_SECRET);
  });

  it("reads numbers and flags from their string form", () => {
    const config = loadConfig(env({ PORT: "8080", WS_IDLE_TIMEOUT_MS: "5000", ENABLE_SIMULATOR: "no", MAX_GROUP_SIZE: "5" }));
    expect(config).toMatchObject({ port: 8080, wsIdleTimeoutMs: 5000, simulatorEnabled: false, maxGroupSize: 5 });
  });

  it("turns the simulator off in production unless it is asked for", () => {
    expect(loadConfig(env({ NODE_ENV: "production" })).simulatorEnabled).toBe(false);
    expect(loadConfig(env({ NODE_ENV: "production", ENABLE_SIMULATOR: "true" })).simulatorEnabled).toBe(true);
  });

  it("a slow-consumer limit below 16 KiB stops start-up with a message naming it", () => {
    expect(configError({ WS_MAX_BUFFERED_BYTES: "1000" }).message).toMatch(/\bWS_MAX_BUFFERED_BYTES:/);
    expect(configError({ WS_DRAIN_TIMEOUT_MS: "soon" }).message).toMatch(/\bWS_DRAIN_TIMEOUT_MS:/);
  });

  it("a bad PORT stops start-up with a message naming PORT", () => {
    for (const PORT of ["abc", "70000", "-1", "80.5"]) {
      const error = configError({ PORT });
      expect(error.message, PORT).toMatch(/\bPORT:/);
    }
  });

  it("a short AUTH_SECRET stops start-up with a message naming AUTH_SECRET, without echoing it", () => {
    const error = configError({ AUTH_SECRET: "too-short-secret" });
    expect(error.message).toContain("AUTH_SECRET");
    expect(error.message).toContain("at least 32 characters");
    expect(error.message).not.toContain("too-short-secret");
  });

  it("names every bad variable at once", () => {
    const error = configError({ PORT: "nope", PUBLISH_SECRET: "short", NODE_ENV: "staging" });
    expect(error.message).toMatch(/\bPORT:/);
    expect(error.message).toMatch(/\bPUBLISH_SECRET:/);
    expect(error.message).toMatch(/\bNODE_ENV:/);
  });

  it("an empty variable counts as unset and gets its default", () => {
    const config = loadConfig(env({ PORT: "", NODE_ENV: "", ALLOWED_ORIGINS: "", ENABLE_SIMULATOR: "" }));
    expect(config).toMatchObject({ port: 3000, env: "development", allowedOrigins: [], simulatorEnabled: true });
  });

  it("the store: SQLite by default, PostgreSQL from DATABASE_URL, with retention and the fsync policy", () => {
    expect(loadConfig(env())).toMatchObject({ databaseUrl: undefined, retentionDays: 90, sqliteSynchronous: "normal" });
    expect(
      loadConfig(env({ DATABASE_URL: "postgres://u@db:5432/beacon", RETENTION_DAYS: "30", SQLITE_SYNCHRONOUS: "full" })),
    ).toMatchObject({ databaseUrl: "postgres://u@db:5432/beacon", retentionDays: 30, sqliteSynchronous: "full" });
  });

  it("a DATABASE_URL that is not postgres, a RETENTION_DAYS of 0 or an unknown SQLITE_SYNCHRONOUS stop start-up by name", () => {
    const message = configError({ DATABASE_URL: "mysql://db/x", RETENTION_DAYS: "0", SQLITE_SYNCHRONOUS: "off" }).message;
    for (const name of ["DATABASE_URL", "RETENTION_DAYS", "SQLITE_SYNCHRONOUS"]) expect(message).toContain(name);
  });

  it("the delivery ladder: 10 s for a tab's ack, 30 s for the service worker's, bounded retries; bad values stop start-up by name", () => {
    expect(loadConfig(env()).ladder).toEqual({ ackWindowMs: 10_000, pushAckWindowMs: 30_000, maxAttempts: 5, retryBaseMs: 2_000, pollMs: 1_000, leaseMs: 60_000 });
    expect(loadConfig(env({ ACK_WINDOW_MS: "500", PUSH_ACK_WINDOW_MS: "900", LADDER_MAX_ATTEMPTS: "2" })).ladder).toMatchObject({
      ackWindowMs: 500,
      pushAckWindowMs: 900,
      maxAttempts: 2,
    });
    const error = configError({ ACK_WINDOW_MS: "soon", LADDER_MAX_ATTEMPTS: "0", LADDER_LEASE_MS: "10" });
    for (const name of ["ACK_WINDOW_MS", "LADDER_MAX_ATTEMPTS", "LADDER_LEASE_MS"]) expect(error.message).toContain(name);
  });

  it("a missing AUTH_SECRET is generated once, kept in DATA_DIR and reused on the next start", () => {
    const first = loadConfig(env({ AUTH_SECRET: undefined }));
    expect(first.generatedSecrets).toEqual(["AUTH_SECRET"]);
    expect(first.authSecret.byteLength).toBeGreaterThanOrEqual(32);

    const stored = readFileSync(join(dataDir, ".auth-secret"), "utf8");
    expect(new TextDecoder().decode(first.authSecret)).toBe(stored);
    expect(statSync(join(dataDir, ".auth-secret")).mode & 0o077).toBe(0);

    const second = loadConfig(env({ AUTH_SECRET: "" }));
    expect(second.authSecret).toEqual(first.authSecret);
    expect(second.generatedSecrets).toEqual(["AUTH_SECRET"]);
  });

  it("both secrets are generated independently when neither is set", () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.generatedSecrets).toEqual(["AUTH_SECRET", "PUBLISH_SECRET"]);
    expect(config.publishSecret.length).toBeGreaterThanOrEqual(24);
    expect(config.publishSecret).not.toBe(new TextDecoder().decode(config.authSecret));
    expect(loadConfig({ DATA_DIR: dataDir }).publishSecret).toBe(config.publishSecret);
  });

  it("a configured secret wins over one kept in DATA_DIR", () => {
    writeFileSync(join(dataDir, ".auth-secret"), "y".repeat(40));
    const config = loadConfig(env());
    expect(new TextDecoder().decode(config.authSecret)).toBe(AUTH_SECRET);
    expect(config.generatedSecrets).toEqual([]);
  });

  it("creates DATA_DIR when it does not exist yet", () => {
    const nested = join(dataDir, "not", "yet");
    const config = loadConfig({ DATA_DIR: nested, PUBLISH_SECRET });
    expect(readFileSync(join(nested, ".auth-secret"), "utf8")).toBe(new TextDecoder().decode(config.authSecret));
  });

  it("ALLOWED_ORIGINS is a comma-separated list, trimmed and reduced to origins", () => {
    const config = loadConfig(env({ ALLOWED_ORIGINS: " https://partner.example/app , http://localhost:5173/,, https://Admin.Example:8443 " }));
    expect(config.allowedOrigins).toEqual(["https://partner.example", "http://localhost:5173", "https://admin.example:8443"]);
  });

  it("an ALLOWED_ORIGINS entry that is not a URL stops start-up naming ALLOWED_ORIGINS", () => {
    expect(configError({ ALLOWED_ORIGINS: "https://ok.example,partner.example" }).message).toContain("ALLOWED_ORIGINS");
  });
});

describe("Web Push and email configuration", () => {
  const keys = generateVapidKeys();
  const vapid = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: "mailto:security@example.com" };

  it("push is off, email goes to the outbox and links point at localhost:PORT by default", () => {
    const config = loadConfig(env({ PORT: "4123" }));
    expect(config).toMatchObject({ vapid: null, smtpUrl: undefined, emailFrom: "Beacon <beacon@localhost>", appUrl: "http://localhost:4123", pushEndpoints: { allowHttp: true, hosts: null } });
  });

  it("takes a matching VAPID pair with a mailto: or https: subject", () => {
    expect(loadConfig(env(vapid)).vapid).toEqual({ publicKey: keys.publicKey, privateKey: keys.privateKey, subject: "mailto:security@example.com" });
    expect(loadConfig(env({ ...vapid, VAPID_SUBJECT: "https://beacon.example/contact" })).vapid?.subject).toBe("https://beacon.example/contact");
  });

  it("wants all three VAPID variables or none, naming the missing ones", () => {
    const message = configError({ VAPID_PUBLIC_KEY: keys.publicKey }).message;
    expect(message).toContain("VAPID_PRIVATE_KEY: is required");
    expect(message).toContain("VAPID_SUBJECT: is required");
  });

  it("refuses keys of the wrong length, a pair that does not match, and a bad subject", () => {
    expect(configError({ ...vapid, VAPID_PUBLIC_KEY: keys.publicKey.slice(0, 40) }).message).toContain("VAPID_PUBLIC_KEY: must be a base64url P-256 public key");
    expect(configError({ ...vapid, VAPID_PRIVATE_KEY: "c2hvcnQ" }).message).toContain("VAPID_PRIVATE_KEY: must be a base64url P-256 private key");
    expect(configError({ ...vapid, VAPID_PUBLIC_KEY: generateVapidKeys().publicKey }).message).toContain("VAPID_PUBLIC_KEY: does not belong to VAPID_PRIVATE_KEY");
    expect(configError({ ...vapid, VAPID_SUBJECT: "security@example.com" }).message).toContain("VAPID_SUBJECT: must be a mailto: address or an https:// URL");
    expect(configError({ ...vapid, VAPID_SUBJECT: "http://beacon.example" }).message).toContain("VAPID_SUBJECT");
  });

  it("takes smtp:// and smtps:// URLs only, with a sender address", () => {
    const smtp = { SMTP_URL: "smtps://user:pass@mail.example:465", EMAIL_FROM: "Beacon <alerts@example.com>" };
    expect(loadConfig(env(smtp))).toMatchObject({ smtpUrl: smtp.SMTP_URL, emailFrom: smtp.EMAIL_FROM });
    expect(configError({ ...smtp, SMTP_URL: "http://mail.example" }).message).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(configError({ SMTP_URL: smtp.SMTP_URL }).message).toContain("EMAIL_FROM: is required when SMTP_URL is set");
  });

  it("checks EMAIL_FROM is an address and APP_URL an absolute http(s) URL (trailing slash dropped)", () => {
    expect(loadConfig(env({ EMAIL_FROM: "alerts@beacon.example" })).emailFrom).toBe("alerts@beacon.example");
    expect(configError({ EMAIL_FROM: "Beacon" }).message).toContain("EMAIL_FROM");
    expect(loadConfig(env({ APP_URL: "https://beacon.example/" })).appUrl).toBe("https://beacon.example");
    expect(configError({ APP_URL: "/relative" }).message).toContain("APP_URL: must be an absolute http(s) URL");
  });

  it("refuses plain-http push endpoints in production unless told otherwise", () => {
    expect(loadConfig(env({ NODE_ENV: "production" })).pushEndpoints.allowHttp).toBe(false);
    expect(loadConfig(env({ NODE_ENV: "production", PUSH_ALLOW_HTTP_ENDPOINTS: "true" })).pushEndpoints.allowHttp).toBe(true);
  });

  it("accepts only the browsers' push services in production, any host elsewhere, or the hosts PUSH_ENDPOINT_HOSTS lists", () => {
    expect(loadConfig(env({ NODE_ENV: "production" })).pushEndpoints.hosts).toEqual(KNOWN_PUSH_SERVICE_HOSTS);
    expect(loadConfig(env({})).pushEndpoints.hosts).toBeNull();
    expect(loadConfig(env({ NODE_ENV: "production", PUSH_ENDPOINT_HOSTS: "*" })).pushEndpoints.hosts).toBeNull();
    expect(loadConfig(env({ PUSH_ENDPOINT_HOSTS: " Push.Example.com, .corp.example ,127.0.0.1" })).pushEndpoints.hosts).toEqual([
      "push.example.com",
      ".corp.example",
      "127.0.0.1",
    ]);
    expect(configError({ PUSH_ENDPOINT_HOSTS: "https://push.example.com" }).message).toContain(
      "PUSH_ENDPOINT_HOSTS: must be * or host names separated by commas; not a host name: https://push.example.com",
    );
    expect(configError({ PUSH_ENDPOINT_HOSTS: " , " }).message).toContain("PUSH_ENDPOINT_HOSTS: must be * or host names");
  });
});
