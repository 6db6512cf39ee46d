/**
 * The probes `beacon doctor` runs, each a real connection: the store (SQLite file or
 * PostgreSQL), Redis (a RESP PING over a raw socket, no client library needed) and SMTP
 * (connect and read the 220 greeting). Each resolves with what it saw or rejects with why.
 */
import { connect as tcpConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

const PROBE_TIMEOUT_MS = 3000;

/** Opens a TCP (or TLS) connection, sends `greeting` if any, and resolves with the first line that `accept` likes. */
function probeLine(options: { host: string; port: number; tls: boolean; send?: string; accept: (line: string) => boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = options.tls
      ? tlsConnect({ host: options.host, port: options.port, servername: options.host })
      : tcpConnect({ host: options.host, port: options.port });
    let buffer = "";
    const finish = (error: Error | null, line?: string) => {
      socket.destroy();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(line!);
    };
    const timer = setTimeout(() => finish(new Error(`no answer from ${options.host}:${options.port} within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    socket.once(options.tls ? "secureConnect" : "connect", () => {
      if (options.send) socket.write(options.send);
    });
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      const end = buffer.indexOf("\n");
      if (end === -1) return;
      const line = buffer.slice(0, end).trim();
      if (options.accept(line)) finish(null, line);
      else finish(new Error(`unexpected answer: ${line.slice(0, 120)}`));
    });
    socket.once("error", (error) => finish(error));
    socket.once("close", () => finish(new Error("connection closed before an answer")));
  });
}

/** PING → +PONG (or an auth error, which is reported as such). AUTH first when the URL has a password. */
export async function pingRedis(redisUrl: string): Promise<string> {
  const url = new URL(redisUrl);
  const password = decodeURIComponent(url.password);
  const user = decodeURIComponent(url.username);
  const command = (...parts: string[]) => `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
  const auth = password ? (user ? command("AUTH", user, password) : command("AUTH", password)) : "";
  const line = await probeLine({
    host: url.hostname,
    port: Number(url.port || 6379),
    tls: url.protocol === "rediss:",
    send: auth + command("PING"),
    accept: (answer) => answer.startsWith("+"),
  });
  return line;
}

/** Reads the server's greeting: an SMTP server says `220 <host> ...` first. */
export async function smtpBanner(smtpUrl: string): Promise<string> {
  const url = new URL(smtpUrl);
  const tls = url.protocol === "smtps:";
  return probeLine({
    host: url.hostname,
    port: Number(url.port || (tls ? 465 : 587)),
    tls,
    accept: (line) => line.startsWith("220"),
  });
}

/** A real query against the configured store: PostgreSQL when DATABASE_URL is set, else the SQLite file under DATA_DIR. */
export async function checkStore(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    client.on("error", () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ version: string; migrated: boolean }>(
        "SELECT version() AS version, to_regclass('alerts') IS NOT NULL AS migrated",
      );
      const version = rows[0]!.version.split(" ").slice(0, 2).join(" ");
      return `${version}${rows[0]!.migrated ? ", schema migrated" : ", no Beacon tables yet (the server creates them on start)"}`;
    } finally {
      await client.end().catch(() => {});
    }
  }
  const { existsSync } = await import("node:fs");
  const { join, resolve } = await import("node:path");
  const file = join(resolve(env.DATA_DIR ?? "./data"), "beacon.sqlite");
  if (!existsSync(file)) return `no SQLite file yet at ${file} (the server creates it on start)`;
  const { default: Database } = await import("libsql");
  const db = new Database(file, { readonly: true } as never);
  try {
    const row = db.prepare("SELECT count(*) AS alerts FROM alerts").get() as { alerts: number };
    return `SQLite ${file}: ${row.alerts} alert(s) stored`;
  } finally {
    db.close();
  }
}
