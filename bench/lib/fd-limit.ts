/**
 * Ten thousand sockets need ten thousand descriptors on each side, more than the usual
 * soft limit of 1,024. The run re-executes itself once through `bash -c 'ulimit -n <hard>'`
 * (raising the soft limit to the hard one needs no privilege); the servers and the
 * generator it spawns inherit the raised limit. It checks /proc rather than trusting it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const MARKER = "BEACON_BENCH_FD_RAISED";

export function openFileLimit(pid: number | "self" = "self"): { soft: number; hard: number } {
  const line = readFileSync(`/proc/${pid}/limits`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const [soft, hard] = (line ?? "").split(/\s{2,}/).slice(1, 3).map((v) => (v === "unlimited" ? Infinity : Number(v)));
  return { soft, hard };
}

/**
 * Returns false when the limit is already as high as it goes; otherwise re-runs this very
 * command with the raised limit and resolves (true) with its exit code set, once it ends.
 */
export async function reexecWithRaisedLimit(): Promise<boolean> {
  const { soft, hard } = openFileLimit();
  if (soft >= hard || process.env[MARKER]) return false;
  const command = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const child = spawn("bash", ["-c", 'ulimit -S -n "$(ulimit -H -n)" && exec "$@"', "bench", ...command], {
    stdio: "inherit",
    env: { ...process.env, [MARKER]: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  process.exitCode = await new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  return true;
}
