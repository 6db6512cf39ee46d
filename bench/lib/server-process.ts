/** Starts one server under test as a child process on a free port, waits for /healthz, stops it. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keepMainThreadProfile } from "./cpu-profile-files";
import { AUTH_SECRET, PUBLISH_SECRET, ROOT, type Target } from "./targets";

export interface RunningServer {
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(target: Target, options: { cpuProfDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${target.name}-`));
  // One profile per thread lands here; stop() keeps the main thread's (cpu-profile-files.ts).
  const profileDir = options.cpuProfDir ? mkdtempSync(join(tmpdir(), `bench-${target.name}-profiles-`)) : undefined;
  const flags = ["--expose-gc", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  const child = spawn(process.execPath, [...flags, ...target.entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      AUTH_SECRET,
      PUBLISH_SECRET,
      ...target.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child, () => output);
  return {
    pid: child.pid!,
    url,
    output: () => output,
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
      if (profileDir && options.cpuProfDir) keepMainThreadProfile(profileDir, join(options.cpuProfDir, `${target.name}-${Date.now()}.cpuprofile`));
    },
  };
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not answer /healthz within 30 s:\n${output()}`);
}

/** SIGINT first so Node writes its --cpu-prof file on the way out; SIGKILL if it lingers. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
