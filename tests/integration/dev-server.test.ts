/**
 * `pnpm dev` must serve /ws/alerts too. vinxi 0.5.11's dev listener raced crossws on the
 * first upgrade (101, then silence); patches/vinxi@0.5.11.patch fixes it and this guards it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET, TEST_PUBLISH_SECRET } from "../helpers/beacon-server";
import { freePort } from "../helpers/free-port";
import { post, sampleAlert } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect } from "../helpers/ws-client";

const root = resolve(import.meta.dirname, "../..");
let dev: ChildProcess;
let baseUrl: string;
let output = "";

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dev = spawn(join(root, "node_modules/.bin/vinxi"), ["dev", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      AUTH_SECRET: TEST_AUTH_SECRET,
      PUBLISH_SECRET: TEST_PUBLISH_SECRET,
      DATA_DIR: mkdtempSync(join(tmpdir(), "beacon-dev-")),
      LOG_LEVEL: "warn",
      // The quick start's embedded defaults, whatever the shell points at (and never the
      // shared database's public schema, which other checkouts may have migrated further).
      DATABASE_URL: "",
      REDIS_URL: "",
    },
    detached: true, // own process group, so the whole dev server tree can be stopped
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout!.on("data", (chunk) => (output += chunk));
  dev.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (dev.exitCode !== null) throw new Error(`vinxi dev exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // still starting
    }
    if (Date.now() > deadline) throw new Error(`vinxi dev did not serve within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 90_000);

afterAll(() => {
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGKILL");
});

describe("the dev server", () => {
  it("accepts the very first WebSocket, says hello and delivers an alert", async () => {
    const socket = await connect(baseUrl, { token: await mintToken(TEST_AUTH_SECRET, "dev-user") });
    expect((await socket.waitFor("hello")).userId).toBe("dev-user");
    const response = await post(baseUrl, "/api/alerts", { userId: "dev-user", ...sampleAlert() }, TEST_PUBLISH_SECRET);
    expect(response.status).toBe(202);
    await socket.waitFor("alert", 3000);
    await socket.close();
  });

  it("refuses a bad token with 401 there too", async () => {
    const socket = connect(baseUrl, { token: "nope" });
    await expect(socket).rejects.toThrow(/401/);
  });
});
