/**
 * `pnpm bench`: builds Beacon if needed, then for every session of the matrix starts one
 * server under test (Beacon, the raw ws peer or the Socket.IO peer) and one load-generator
 * process against it, and prints one table with the three side by side. Writes the
 * results to bench/results/<date>.md. Traffic goes to 127.0.0.1 only; every loop is
 * bounded in count, and the run in time. See README.md → Benchmarks.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { parseArgs, USAGE } from "./lib/args";
import { ensureBuild } from "./lib/build";
import { openFileLimit, reexecWithRaisedLimit } from "./lib/fd-limit";
import { describeHiccups, measureHiccups } from "./lib/machine-hiccups";
import { measureKernelSpeed } from "./lib/kernel-speed";
import { measureMachineSpeed } from "./lib/machine-speed";
import { chooseMatrix, sessionsFor } from "./lib/matrix";
import { runSession } from "./lib/session";
import { ROOT, TARGETS } from "./lib/targets";
import type { SessionResult } from "./load/types";
import { summarizeProfile } from "./profile-summary";
import { Results } from "./report/aggregate";
import { targetChecks } from "./report/checks";
import { currentCommit, writeResults } from "./report/results-file";
import { mainTable } from "./report/table";
import { runBatchComparison } from "./store/batch-harness";
import { checkpointModeLabel, runCheckpointComparison } from "./store/checkpoint-harness";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) return void console.log(USAGE);
  const args = parseArgs(argv);
  if (args.storeCheckpoints) {
    log(`bench: the embedded store alone, ${args.storeCheckpoints.map(checkpointModeLabel).join(" vs ")}`);
    console.log(`\n${await runCheckpointComparison(args.storeCheckpoints, log)}\n`);
    return;
  }
  if (args.storeBatches) {
    log(`bench: the embedded store alone, closed-loop producers, full batch ${args.storeBatches.join(" vs ")}`);
    console.log(`\n${await runBatchComparison(args.storeBatches, log)}\n`);
    return;
  }
  if (await reexecWithRaisedLimit()) return;

  const matrix = chooseMatrix(args);
  const limit = openFileLimit();
  const needed = Math.max(...matrix.sizes.map((s) => s.sockets)) + 1000;
  if (limit.soft < needed) {
    throw new Error(`the open-file limit is ${limit.soft} (hard ${limit.hard}); ${needed} are needed. Raise the hard limit or pass --sockets=…`);
  }
  ensureBuild(args.build, log);

  const startedAt = new Date();
  const commit = currentCommit();
  const loadAtStart = loadavg();
  if (loadAtStart[0] > cpus().length * 0.75) {
    log(`warning: the machine is busy (load average ${loadAtStart[0].toFixed(1)} on ${cpus().length} cores); figures will be noisy`);
  }
  const speedAtStart = measureMachineSpeed();
  log(`machine speed: ${speedAtStart.toFixed(2)} µs per reference op (lower is faster; see bench/lib/machine-speed.ts)`);
  const kernelAtStart = measureKernelSpeed();
  log(`kernel speed: ${kernelAtStart.toFixed(2)} µs per 4-KB file write (lower is faster; see bench/lib/kernel-speed.ts)`);
  const hiccupsAtStart = measureHiccups();
  log(`machine hiccups: ${describeHiccups(hiccupsAtStart)} (see bench/lib/machine-hiccups.ts)`);
  const deadlineAt = Date.now() + matrix.budgetMs;
  const profileDir = args.cpuProf ? join(ROOT, "bench/results/profiles") : undefined;
  const sessions = sessionsFor(matrix, args.targets);
  log(`bench: ${matrix.label} run, ${sessions.length} sessions, at most ${(matrix.budgetMs / 60_000).toFixed(1)} min; open-file limit ${limit.soft}`);

  const results: SessionResult[] = [];
  for (const [i, spec] of sessions.entries()) {
    if (Date.now() > deadlineAt) {
      log(`time budget spent: skipping the last ${sessions.length - i} sessions`);
      break;
    }
    log(`[${i + 1}/${sessions.length}] ${TARGETS[spec.target].label}: ${spec.sockets ? `${spec.sockets.toLocaleString("en-US")} sockets, run ${spec.run}` : "churn"}`);
    try {
      results.push(await runSession(spec, matrix, { deadlineAt, cpuProfDir: profileDir }));
    } catch (error) {
      log(`  failed: ${error instanceof Error ? error.message : error}`);
      results.push({ target: spec.target, sockets: spec.sockets, steps: [], errors: [String(error)] });
    }
  }

  const aggregated = new Results(results);
  const table = mainTable(aggregated, args.targets);
  console.log(`\n${table}\n\nIssue 6 targets (Beacon):\n${targetChecks(aggregated).join("\n")}\n`);
  const profiles = profileDir ? profilesSince(profileDir, startedAt).flatMap((file) => summarizeProfile(file, 10)) : [];
  if (profiles.length) console.log(profiles.join("\n"));
  const errors = aggregated.errors();
  if (errors.length) log(`${errors.length} error(s); see the results file`);

  if (args.writeResults) {
    const file = writeResults(join(ROOT, "bench/results"), aggregated, {
      label: matrix.label,
      command: `pnpm bench ${argv.join(" ")}`.trim(),
      startedAt,
      commit,
      durationMs: Date.now() - startedAt.getTime(),
      loadAtStart,
      loadAtEnd: loadavg(),
      speedAtStart,
      speedAtEnd: measureMachineSpeed(),
      kernelAtStart,
      kernelAtEnd: measureKernelSpeed(),
      hiccupsAtStart,
      hiccupsAtEnd: measureHiccups(),
      fdLimit: limit.soft,
      httpConnections: matrix.httpConnections,
      targets: args.targets,
      mainTable: table,
      profiles,
    });
    log(`results appended to ${relative(ROOT, file)}`);
  }
}

function profilesSince(dir: string, since: Date): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).mtimeMs >= since.getTime())
    .sort();
}

main(process.argv.slice(2)).catch((error) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
