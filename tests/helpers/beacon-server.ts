/**
 * Starts the real production build (`.output/server/index.mjs`) on a free port with its
 * own data directory, and stops it. Used by integration tests and their global setup.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./free-port";

export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef0123456789";
export const TEST_PUBLISH_SECRET = "test-publish-secret-0123456789abcdef";

export interface BeaconServer {
  url: string;
  port: number;
  /** The DATA_DIR it runs on; pass it to a restarted server to keep its state. */
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote to stdout/stderr, for assertions and failure output. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** kill -9: no shutdown hooks, no flushing; resolves once the process is gone. */
  crash(): Promise<void>;
}

const ENTRY = resolve(import.meta.dirname, "../../.output/server/index.mjs");

export async function startBeaconServer(env: Record<string, string> = {}, port?: number): Promise<BeaconServer> {
  if (!existsSync(ENTRY)) throw new Error(`no production build at ${ENTRY}; run \`pnpm build\` first`);
  const chosenPort = port ?? (await freePort());
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), "beacon-test-"));
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(chosenPort),
      AUTH_SECRET: TEST_AUTH_SECRET,
      PUBLISH_SECRET: TEST_PUBLISH_SECRET,
      ENABLE_SIMULATOR: "true",
      LOG_LEVEL: "warn",
      ...env,
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${chosenPort}`;
  await waitUntilServing(url, child, () => output);
  return {
    url,
    port: chosenPort,
    dataDir,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") => stopProcess(child, signal),
    crash: () => stopProcess(child, "SIGKILL"),
  };
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start within 20 s:\n${output()}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill(signal);
  });
}
