/**
 * Configuration from the environment, validated once at start-up. A bad value stops the
 * process with a message naming the variable; a missing secret gets a generated one that
 * is kept under DATA_DIR so sessions survive restarts on a developer machine.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { KNOWN_PUSH_SERVICE_HOSTS, type PushEndpointPolicy } from "./channels/push-endpoint-policy";
import { type VapidKeys, vapidProblems } from "./channels/vapid-keys";
import { registerSecret } from "./observe/redact";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const listFromEnv = z
  .string()
  .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean));

/** Every variable the server reads; exported for `beacon doctor`, which validates without generating secrets. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (HS256 key)").optional(),
  PUBLISH_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
  /** How long a sign-in lasts. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(60 * 60 * 24 * 90).default(60 * 60 * 24 * 7),
  /** Extra origins allowed to open /ws/alerts besides the app's own (comma-separated). */
  ALLOWED_ORIGINS: listFromEnv.pipe(z.array(z.url({ protocol: /^https?$/ }))).default([]),
  /** Silence after which the server culls a socket. */
  WS_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(75_000),
  /** Bytes written to one socket and not yet taken by the client, past which the server stops writing to it. */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16 * 1024).max(256 * 1024 * 1024).default(1024 * 1024),
  /** How long a socket may stay over WS_MAX_BUFFERED_BYTES before it is closed with 4003. */
  WS_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Open sockets one user may hold (tabs and devices); the next upgrade gets 429. */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(32),
  /** Largest accepted HTTP publish body. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  /** Users per publishToGroup call. */
  MAX_GROUP_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** The benchmark's trigger routes (/api/dev/bench-*); never set in a real deployment. */
  BENCH_ENABLED: booleanFromEnv.default(false),
  /** The dev "simulate" panel and its endpoint; on by default outside production. */
  ENABLE_SIMULATOR: booleanFromEnv.optional(),
  /** Sign-in attempts per minute per client address before 429. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** PostgreSQL for the alert store (several servers share it); unset: a SQLite file under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// or postgresql:// URL" }).optional(),
  /**
   * SQLite's fsync policy (WAL journal either way). normal: a commit survives the process
   * being killed at any moment; an OS crash or power cut can lose the last moments of writes.
   * full: an fsync per commit (batch) survives those too, at a measured 3-4x the CPU per alert.
   */
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  /** Alerts older than this many days are deleted, read or unread. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** This process's name in a cluster (presence leases, dashboard labels); default host-pid. */
  SERVER_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "1-64 letters, digits, . _ : -").optional(),
  /** Redis between servers (bus + presence); unset: one process, in-memory bus and presence. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL" }).optional(),
  /** Prefix of every Redis key and channel, so clusters (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "1-64 letters, digits, . _ : -").default("beacon:"),
  /** A server's presence lease; a crashed server's users drop out of presence within it. */
  PRESENCE_LEASE_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
  /** New WebSocket upgrades this server admits per second; over it: 503 with Retry-After. */
  WS_ADMISSIONS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(500),
  /** On SIGTERM, clients are told to reconnect at random moments spread over this window. */
  DRAIN_WINDOW_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** On SIGTERM, the longest the server waits for sockets to close and deliveries to finish. */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Delivery ladder: how long a tab has to acknowledge an alert before it goes to push. */
  ACK_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Delivery ladder: how long the service worker has to acknowledge a push before email. */
  PUSH_ACK_WINDOW_MS: z.coerce.number().int().min(100).max(86_400_000).default(30_000),
  /** Delivery ladder: tries per channel (push, email) for transient failures, the first included. */
  LADDER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Delivery ladder: first retry delay after a transient failure; doubles each time (max 5 min). */
  LADDER_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  /** Delivery ladder: how often each server looks in the store for due escalations (restarts, other servers). */
  LADDER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Delivery ladder: how long a server holds a claimed step; a server that dies mid-step loses it after this. */
  LADDER_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  /** Read by log.ts directly (it must work before config loads); validated here so a typo fails loudly. */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Bearer token GET /metrics requires; unset: /metrics is open (keep it off the public network). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Web Push (VAPID) keys from `pnpm -s beacon vapid`: all three or none (none: push is off). */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().optional(),
  /**
   * Accept plain-http push endpoints. Real push services are all https; an http endpoint is a
   * local test double, or someone aiming the server's POSTs at an internal address. Default:
   * allowed outside production only.
   */
  PUSH_ALLOW_HTTP_ENDPOINTS: booleanFromEnv.optional(),
  /**
   * The hosts push endpoints may point at, comma-separated (`.example.com` takes its subdomains),
   * or `*` for any. Default: the browsers' push services in production, any host elsewhere.
   */
  PUSH_ENDPOINT_HOSTS: z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === "*") return null;
      const hosts = value.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
      const bad = hosts.find((host) => !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host));
      if (hosts.length === 0 || bad !== undefined) {
        context.addIssue({ code: "custom", message: `must be * or host names separated by commas${bad ? `; not a host name: ${bad}` : ""}` });
        return z.NEVER;
      }
      return hosts;
    })
    .optional(),
  /** Outgoing mail; unset: emails are written as .eml files under DATA_DIR/outbox. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The From header of alert emails: `alerts@example.com` or `Beacon <alerts@example.com>`; required with SMTP_URL. */
  EMAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Beacon <alerts@example.com>")
    .optional(),
  /** Absolute base URL of the app, for links in emails and push notifications; default http://localhost:PORT. */
  APP_URL: z.url({ protocol: /^https?$/, message: "must be an absolute http(s) URL" }).optional(),
}).superRefine((values, context) => {
  // A made-up sender is fine in .eml files, but a real mail server would refuse or spam-folder it.
  if (values.SMTP_URL && !values.EMAIL_FROM) {
    context.addIssue({ code: "custom", path: ["EMAIL_FROM"], message: "is required when SMTP_URL is set (the sender address of alert emails)" });
  }
  const vapid = [values.VAPID_PUBLIC_KEY, values.VAPID_PRIVATE_KEY, values.VAPID_SUBJECT];
  const set = vapid.filter(Boolean).length;
  if (set > 0 && set < 3) {
    for (const name of ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const) {
      if (!values[name]) context.addIssue({ code: "custom", path: [name], message: "is required when any VAPID_* variable is set (all three or none)" });
    }
    return;
  }
  if (set === 3) {
    const problems = vapidProblems({ publicKey: values.VAPID_PUBLIC_KEY!, privateKey: values.VAPID_PRIVATE_KEY!, subject: values.VAPID_SUBJECT! });
    for (const [name, message] of Object.entries(problems)) context.addIssue({ code: "custom", path: [name], message });
  }
});

export interface BeaconConfig {
  env: "development" | "production" | "test";
  port: number;
  dataDir: string;
  authSecret: Uint8Array;
  publishSecret: string;
  sessionTtlSeconds: number;
  allowedOrigins: string[];
  wsIdleTimeoutMs: number;
  wsMaxBufferedBytes: number;
  wsDrainTimeoutMs: number;
  maxSocketsPerUser: number;
  maxBodyBytes: number;
  maxGroupSize: number;
  benchEnabled: boolean;
  simulatorEnabled: boolean;
  loginRatePerMinute: number;
  databaseUrl: string | undefined;
  sqliteSynchronous: "normal" | "full";
  retentionDays: number;
  serverId: string;
  metricsToken: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  presenceLeaseMs: number;
  wsAdmissionsPerSecond: number;
  drainWindowMs: number;
  drainTimeoutMs: number;
  ladder: {
    ackWindowMs: number;
    pushAckWindowMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
    leaseMs: number;
  };
  /** Web Push keys, or null: push is off and the ladder goes from the socket to email. */
  vapid: VapidKeys | null;
  /** Which push endpoints subscriptions may name and the sender will POST to (PUSH_ALLOW_HTTP_ENDPOINTS, PUSH_ENDPOINT_HOSTS). */
  pushEndpoints: PushEndpointPolicy;
  smtpUrl: string | undefined;
  emailFrom: string;
  /** No trailing slash: `${appUrl}/alerts/<id>`. */
  appUrl: string;
  /** Which secrets were generated rather than configured, for the start-up warning. */
  generatedSecrets: string[];
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BeaconConfig {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid Beacon configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  const generatedSecrets: string[] = [];
  const secret = (name: string, configured: string | undefined) => {
    const value = configured ?? persistedSecret(dataDir, name);
    if (!configured) generatedSecrets.push(name);
    // Generated secrets are not in the environment the log scrubber reads; tell it.
    registerSecret(value);
    return value;
  };
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    dataDir,
    authSecret: new TextEncoder().encode(secret("AUTH_SECRET", values.AUTH_SECRET)),
    publishSecret: secret("PUBLISH_SECRET", values.PUBLISH_SECRET),
    sessionTtlSeconds: values.SESSION_TTL_SECONDS,
    allowedOrigins: values.ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
    wsIdleTimeoutMs: values.WS_IDLE_TIMEOUT_MS,
    wsMaxBufferedBytes: values.WS_MAX_BUFFERED_BYTES,
    wsDrainTimeoutMs: values.WS_DRAIN_TIMEOUT_MS,
    maxSocketsPerUser: values.MAX_SOCKETS_PER_USER,
    maxBodyBytes: values.MAX_BODY_BYTES,
    maxGroupSize: values.MAX_GROUP_SIZE,
    benchEnabled: values.BENCH_ENABLED,
    simulatorEnabled: values.ENABLE_SIMULATOR ?? values.NODE_ENV !== "production",
    loginRatePerMinute: values.LOGIN_RATE_PER_MINUTE,
    databaseUrl: values.DATABASE_URL,
    sqliteSynchronous: values.SQLITE_SYNCHRONOUS,
    retentionDays: values.RETENTION_DAYS,
    serverId: values.SERVER_ID ?? `${hostname()}-${process.pid}`,
    metricsToken: values.METRICS_TOKEN,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.REDIS_PREFIX,
    presenceLeaseMs: values.PRESENCE_LEASE_MS,
    wsAdmissionsPerSecond: values.WS_ADMISSIONS_PER_SECOND,
    drainWindowMs: values.DRAIN_WINDOW_MS,
    drainTimeoutMs: values.DRAIN_TIMEOUT_MS,
    ladder: {
      ackWindowMs: values.ACK_WINDOW_MS,
      pushAckWindowMs: values.PUSH_ACK_WINDOW_MS,
      maxAttempts: values.LADDER_MAX_ATTEMPTS,
      retryBaseMs: values.LADDER_RETRY_BASE_MS,
      pollMs: values.LADDER_POLL_MS,
      leaseMs: values.LADDER_LEASE_MS,
    },
    vapid: values.VAPID_PUBLIC_KEY
      ? { publicKey: values.VAPID_PUBLIC_KEY, privateKey: registered(values.VAPID_PRIVATE_KEY!), subject: values.VAPID_SUBJECT! }
      : null,
    pushEndpoints: {
      allowHttp: values.PUSH_ALLOW_HTTP_ENDPOINTS ?? values.NODE_ENV !== "production",
      hosts: values.PUSH_ENDPOINT_HOSTS !== undefined ? values.PUSH_ENDPOINT_HOSTS : values.NODE_ENV === "production" ? KNOWN_PUSH_SERVICE_HOSTS : null,
    },
    smtpUrl: values.SMTP_URL,
    emailFrom: values.EMAIL_FROM ?? "Beacon <beacon@localhost>",
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ""),
    generatedSecrets,
  };
}

/** A secret from the environment the log scrubber should mask wherever it shows up. */
function registered(value: string): string {
  registerSecret(value);
  return value;
}

/** Empty strings in the environment mean "unset", as in most .env tooling. */
export function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

/**
 * A random secret created once and reused, so a dev restart keeps everyone signed in.
 * Written to a temporary file and hard-linked into place: the link either appears complete
 * or fails with EEXIST, so two processes starting together agree on one secret and nobody
 * ever reads a half-written file.
 */
function persistedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, `.${name.toLowerCase().replace(/_/g, "-")}`);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  const value = readFileSync(file, "utf8").trim();
  if (value.length < 32) {
    throw new ConfigError(`Invalid Beacon configuration:\n  ${name}: the generated secret in ${file} is damaged; delete the file or set ${name}.`);
  }
  return value;
}
