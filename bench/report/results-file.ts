/**
 * bench/results/<date>.md (full runs) or <date>-quick.md: one file per day, each run
 * appended as its own section, so before/after figures of a fix sit in one place.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { describeHiccups, type Hiccups } from "../lib/machine-hiccups";
import type { TargetName } from "../load/types";
import type { Results } from "./aggregate";
import { targetChecks } from "./checks";
import { ceilingNotes, mainThreadCostNotes, churnSampleDetails, connectAndMemoryDetails, stepDetails } from "./details";
import { int } from "./format";

export interface RunInfo {
  label: "full" | "quick";
  command: string;
  startedAt: Date;
  /** What was built and measured, read when the run started (work may be committed while it runs). */
  commit: string;
  durationMs: number;
  loadAtStart: number[];
  loadAtEnd: number[];
  /** µs per op of bench/lib/machine-speed.ts's reference workload (lower is faster). */
  speedAtStart: number;
  speedAtEnd: number;
  /** µs per 4-KB file write (bench/lib/kernel-speed.ts): the cost of the way into the kernel, which the speed does not show. */
  kernelAtStart: number;
  kernelAtEnd: number;
  /** Pauses of a busy thread (bench/lib/machine-hiccups.ts): what the host took away, which the speed does not show. */
  hiccupsAtStart: Hiccups;
  hiccupsAtEnd: Hiccups;
  fdLimit: number;
  /** Connections of the generator's HTTP publish pool. */
  httpConnections: number;
  targets: TargetName[];
  mainTable: string;
  profiles: string[];
}

export function machineLine(start = loadavg(), end = loadavg()): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" / ");
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load(start)} at start, ${load(end)} at the end`;
}

export function writeResults(dir: string, results: Results, run: RunInfo): string {
  mkdirSync(dir, { recursive: true });
  const date = run.startedAt.toISOString().slice(0, 10);
  const file = join(dir, `${date}${run.label === "quick" ? "-quick" : ""}.md`);
  if (!existsSync(file)) {
    appendFileSync(file, `# Benchmark results, ${date}\n\nWritten by \`pnpm bench\`; every run appends a section. How to read them: README.md → Benchmarks.\n`);
  }
  appendFileSync(file, `\n${section(results, run)}\n`);
  return file;
}

function section(results: Results, run: RunInfo): string {
  const parts = [
    `## ${run.startedAt.toISOString().slice(11, 16)} UTC · ${run.label} run · ${run.commit}`,
    "",
    `- Command: \`${run.command}\``,
    `- Machine: ${machineLine(run.loadAtStart, run.loadAtEnd)}; open-file limit ${int(run.fdLimit)}`,
    `- Machine speed: ${run.speedAtStart.toFixed(2)} µs per reference op at start, ${run.speedAtEnd.toFixed(2)} at the end (lower is faster; compare absolute figures only between runs whose speeds are close)`,
    `- Kernel speed: ${run.kernelAtStart.toFixed(2)} µs per 4-KB file write at start, ${run.kernelAtEnd.toFixed(2)} at the end (lower is faster; the reference op does not include the kernel)`,
    `- Machine hiccups (a busy thread's pauses, 2 s each): ${describeHiccups(run.hiccupsAtStart)} at start; ${describeHiccups(run.hiccupsAtEnd)} at the end`,
    `- Duration: ${(run.durationMs / 60_000).toFixed(1)} min; generator and server share the machine's cores`,
    `- The generator's HTTP publish pool: ${int(run.httpConnections)} connections, one request in flight on each`,
    "",
    run.mainTable,
    "",
    "### Issue 6 targets (Beacon)",
    "",
    ...targetChecks(results),
  ];
  for (const sockets of results.socketCounts()) {
    parts.push("", `### ${int(sockets)} sockets: connect and memory`, "", connectAndMemoryDetails(results, run.targets, sockets));
    parts.push("", `### ${int(sockets)} sockets: every step (medians over runs and repeats; lost counts summed)`, "", stepDetails(results, run.targets, sockets));
    const notes = ceilingNotes(results, run.targets, sockets);
    if (notes.length) parts.push("", "What ended each ceiling search:", "", ...notes);
    const costs = mainThreadCostNotes(results, run.targets, sockets);
    if (costs.length) parts.push("", "Main thread's CPU against the rate, fitted over the ceiling steps that passed (all runs):", "", ...costs);
  }
  const churn = churnSampleDetails(results, run.targets);
  if (churn) parts.push("", "### Churn: memory after forced GC at each sample (the check fits a line through the heap)", "", churn);
  const errors = results.errors();
  if (errors.length) parts.push("", "### Errors", "", ...errors.map((e) => `- ${e.target} (${e.sockets || "churn"}): ${e.error.split("\n").slice(0, 3).join(" ⏎ ")}`));
  if (run.profiles.length) parts.push("", "### CPU profiles (self time, top functions)", "", ...run.profiles);
  return parts.join("\n");
}

export function currentCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    // The results files are what runs write, not what they measure: a section the last run
    // appended must not mark the next run's code as changed.
    const measured = ["src", "bench", "app.config.ts", ":(exclude)bench/results"];
    const dirty = execFileSync("git", ["status", "--porcelain", "--", ...measured], { encoding: "utf8" }).trim();
    return `commit ${sha}${dirty ? " + uncommitted changes" : ""}`;
  } catch {
    return "commit unknown";
  }
}
