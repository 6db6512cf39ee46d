/** Runs the real `beacon` binary (bin/beacon.mjs) as a child process and collects what it prints. */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

export const BEACON_BIN = resolve(import.meta.dirname, "../../bin/beacon.mjs");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<CliRun>;
  /** Resolves once `pattern` appears in stdout or stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `beacon ...args` with exactly `env` (plus PATH): nothing leaks in from the test runner's environment. */
export function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [BEACON_BIN, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<CliRun>((done) => child.once("close", (code) => done({ code, stdout, stderr })));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout + stderr)) {
        if (child.exitCode !== null) throw new Error(`beacon exited (${child.exitCode}) before printing ${pattern}:\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`beacon did not print ${pattern} within ${timeoutMs} ms:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return startCli(args, env).exited;
}
