/**
 * One session: a fresh server under test, one generator process driving it with a plan,
 * the result read back. The generator is a separate process so its CPU never counts as
 * the server's, and it is killed if it outlives the session's budget.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { SessionPlan, SessionResult } from "../load/types";
import type { Matrix, SessionSpec } from "./matrix";
import { startServer } from "./server-process";
import { AUTH_SECRET, PUBLISH_SECRET, ROOT, TARGETS } from "./targets";

const GENERATOR = resolve(ROOT, "bench/load/generator.ts");

export async function runSession(spec: SessionSpec, matrix: Matrix, options: { deadlineAt: number; cpuProfDir?: string }): Promise<SessionResult> {
  const target = TARGETS[spec.target];
  const server = await startServer(target, { cpuProfDir: options.cpuProfDir });
  const work = mkdtempSync(join(tmpdir(), "bench-session-"));
  const deadlineAt = Math.min(options.deadlineAt, Date.now() + matrix.sessionBudgetMs);
  const plan: SessionPlan = {
    target: spec.target,
    client: target.client,
    baseUrl: server.url,
    serverPid: server.pid,
    authSecret: AUTH_SECRET,
    publishSecret: PUBLISH_SECRET,
    sockets: spec.sockets,
    connectConcurrency: matrix.connectConcurrency,
    httpConnections: matrix.httpConnections,
    steps: spec.steps,
    ceiling: spec.ceiling,
    churn: spec.churn,
    settleMs: matrix.settleMs,
    deadlineAt,
  };
  try {
    writeFileSync(join(work, "plan.json"), JSON.stringify(plan));
    const code = await runGenerator([join(work, "plan.json"), join(work, "result.json")], deadlineAt + 30_000 - Date.now());
    let result: SessionResult;
    try {
      result = JSON.parse(readFileSync(join(work, "result.json"), "utf8"));
    } catch {
      result = { target: spec.target, sockets: spec.sockets, steps: [], errors: [`generator exited with ${code} and wrote no result`] };
    }
    if (/error/i.test(server.output())) result.errors.push(`server output:\n${server.output().slice(-2000)}`);
    return result;
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function runGenerator(args: string[], timeoutMs: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", GENERATOR, ...args], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const timer = setTimeout(() => child.kill("SIGKILL"), Math.max(1000, timeoutMs));
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    }),
  );
}
