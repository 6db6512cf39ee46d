#!/usr/bin/env node
/**
 * `pnpm start:cluster [--instances N] [--port P]`: N production Beacon servers on ports
 * P+1…P+N sharing REDIS_URL and DATABASE_URL (required), plus a small round-robin TCP
 * balancer on P in front of them — no docker, no nginx. The balancer passes bytes through,
 * so WebSocket upgrades work unchanged; it is for trying a cluster locally, not production.
 *
 * Ctrl-C / SIGTERM drains every instance (each tells its sockets when to come back) and exits.
 * Stop one instance alone (`kill <pid>`, pids are printed) to watch its users move to the others.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, createServer } from "node:net";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { instances: { type: "string", default: "2" }, port: { type: "string", default: process.env.PORT ?? "3000" } },
});
const instances = Number(values.instances);
const basePort = Number(values.port);
if (!Number.isInteger(instances) || instances < 1 || instances > 32) fail("--instances must be 1-32");
if (!Number.isInteger(basePort) || basePort < 1 || basePort + instances > 65535) fail("--port must leave room for the instances above it");
if (instances > 1 && (!process.env.REDIS_URL || !process.env.DATABASE_URL)) {
  fail("several instances must share REDIS_URL (alerts and presence between servers) and DATABASE_URL (one store); set both");
}
if (!process.env.AUTH_SECRET || !process.env.PUBLISH_SECRET) {
  console.warn("[cluster] AUTH_SECRET / PUBLISH_SECRET unset: every instance shares DATA_DIR's generated ones (fine locally; set them in production)");
}
const entry = resolve(import.meta.dirname, "../.output/server/index.mjs");
if (!existsSync(entry)) fail("no production build; run `pnpm build` first");

const children = [];
for (let i = 1; i <= instances; i++) {
  const port = basePort + i;
  const child = spawn(process.execPath, [entry], {
    env: { NODE_ENV: "production", ...process.env, PORT: String(port), SERVER_ID: process.env.SERVER_ID ? `${process.env.SERVER_ID}-${i}` : `beacon-${i}` },
    stdio: "inherit",
  });
  children.push({ port, child });
  console.log(`[cluster] instance ${i}: pid ${child.pid}, http://127.0.0.1:${port}`);
  child.on("exit", (code, signal) => console.log(`[cluster] instance ${i} (port ${port}) exited: ${signal ?? code}`));
}

// Round robin over instances that accept a connection; a stopped one is skipped.
let next = 0;
const balancer = createServer((client) => {
  client.pause();
  const tryInstance = (attemptsLeft) => {
    if (attemptsLeft === 0) return client.destroy();
    const { port } = children[next++ % children.length];
    const upstream = connect(port, "127.0.0.1");
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      client.pipe(upstream).pipe(client);
      client.resume();
      client.on("error", () => upstream.destroy());
      client.on("close", () => upstream.destroy());
    });
    upstream.on("error", () => {
      upstream.destroy();
      if (connected) client.destroy();
      else if (!client.destroyed) tryInstance(attemptsLeft - 1);
    });
    upstream.on("close", () => connected && client.destroy());
  };
  tryInstance(children.length);
});
balancer.on("error", (error) => {
  console.error(`[cluster] balancer cannot listen on ${basePort}: ${error.message}; stopping the instances`);
  for (const { child } of children) child.kill("SIGTERM");
  process.exitCode = 1;
});
balancer.listen(basePort, () => console.log(`[cluster] balancer: http://127.0.0.1:${basePort} → ${children.length} instance(s)`));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("[cluster] draining every instance…");
    balancer.close();
    for (const { child } of children) child.kill("SIGTERM");
    Promise.all(children.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r))))).then(() =>
      process.exit(0),
    );
  });
}

function fail(message) {
  console.error(`[cluster] ${message}`);
  process.exit(1);
}
