/** Reads another process's CPU time and RSS from /proc (Linux), and small waiting helpers. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * User + system CPU time the process has used so far, in microseconds; with `thread`, that
 * thread's alone (the main thread's id is the process id).
 */
export function cpuMicros(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, "utf8");
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / CLOCK_TICKS) * 1e6;
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * CPU use of a process between start() and stop(), as % of one core: all its threads, and its
 * main thread alone. The main thread runs the event loop, where a Node server's work queues;
 * the others (GC helpers, libuv's pool, a server's own workers) run beside it. A server whose
 * main thread is full has reached its ceiling, whatever the total says.
 */
export function cpuMeter(pid: number) {
  const micros = cpuMicros(pid);
  const mainMicros = cpuMicros(pid, pid);
  const wall = performance.now();
  return () => {
    const elapsedMs = performance.now() - wall;
    const used = cpuMicros(pid) - micros;
    const mainUsed = cpuMicros(pid, pid) - mainMicros;
    return {
      usedMicros: used,
      percent: (used / 1000 / elapsedMs) * 100,
      mainThreadMicros: mainUsed,
      mainThreadPercent: (mainUsed / 1000 / elapsedMs) * 100,
    };
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `done()` holds, giving up after `maxMs`, or earlier when `progress()` has
 * not changed for `stallMs` (nothing more is coming). Returns whether it was done.
 */
export async function settle(done: () => boolean, options: { maxMs: number; stallMs?: number; progress?: () => number }): Promise<boolean> {
  const deadline = performance.now() + options.maxMs;
  let last = options.progress?.();
  let lastChange = performance.now();
  while (!done()) {
    const now = performance.now();
    if (now > deadline) return false;
    if (options.progress && options.stallMs) {
      const value = options.progress();
      if (value !== last) {
        last = value;
        lastChange = now;
      } else if (now - lastChange > options.stallMs) return false;
    }
    await sleep(10);
  }
  return true;
}
