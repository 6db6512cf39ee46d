/**
 * `pnpm bench --store-checkpoints[=400,thread]`: the embedded store alone, no server and no
 * generator, at a fixed pace, once per way of checkpointing and alternating, so each runs
 * under the same machine conditions. A number is a WAL threshold in pages (the writer
 * checkpoints inside the COMMIT that crosses it, on the event loop); "thread" is the store's
 * checkpoint thread (src/server/store/checkpointer.ts). It measures event-loop delay, the
 * event loop's busy time per alert (what a checkpoint thread takes off it) and the process's
 * CPU per alert (all threads). This is how WAL_CHECKPOINT_PAGES and the checkpoint thread in
 * src/server/store/sqlite.ts were chosen: the server bench cannot show a change of this size
 * on a shared 2-core machine.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pace } from "../../src/server/bench/pace";
import { connectionOf } from "../../src/server/store/connection";
import type { CheckpointMode } from "../lib/args";
import { STORE_BENCH_USERS, startUsage, storeWorkload, withTempStore } from "./workload";

const PREFILL = { rate: 5000, count: 50_000 };
const MEASURED = { rate: 2500, count: 25_000 };
const PAIRS = 3;

interface Outcome {
  mode: CheckpointMode;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  cpuUsPerAlert: number;
  loopUsPerAlert: number;
}

/** One store per run: pre-filled, then MEASURED alerts, each with its delivery record and ack, as the server writes them. */
function runOnce(mode: CheckpointMode): Promise<Outcome> {
  return withTempStore({ checkpointThread: mode === "thread" }, async (store) => {
    const connection = connectionOf(store);
    if (connection.kind === "sqlite" && mode !== "thread") connection.db.pragma(`wal_autocheckpoint = ${mode}`);
    const { publishOne } = storeWorkload(store);
    const paced = async ({ rate, count }: { rate: number; count: number }) => {
      const pending: Promise<void>[] = [];
      await pace({ rate, count, maxMs: (count / rate) * 3000 }, (index) => void pending.push(publishOne(index)));
      await Promise.all(pending);
    };
    await paced(PREFILL);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const usage = startUsage();
    await paced(MEASURED);
    delay.disable();
    const ms = (ns: number) => ns / 1e6;
    return {
      mode,
      loopP50Ms: ms(delay.percentile(50)),
      loopP99Ms: ms(delay.percentile(99)),
      loopMaxMs: ms(delay.max),
      ...usage.per(MEASURED.count),
    };
  });
}

export function checkpointModeLabel(mode: CheckpointMode): string {
  return mode === "thread" ? "checkpoint thread" : `wal_autocheckpoint ${mode}`;
}

export async function runCheckpointComparison(modes: CheckpointMode[], log: (line: string) => void): Promise<string> {
  const outcomes: Outcome[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const mode of modes) {
      const outcome = await runOnce(mode);
      log(`  [store] pair ${pair}, ${checkpointModeLabel(mode)}: loop delay p99 ${outcome.loopP99Ms.toFixed(1)} ms, max ${outcome.loopMaxMs.toFixed(1)} ms; ${outcome.cpuUsPerAlert.toFixed(0)} µs CPU per alert, ${outcome.loopUsPerAlert.toFixed(0)} µs of it on the event loop`);
      outcomes.push(outcome);
    }
  }
  const cell = (mode: CheckpointMode, pick: (o: Outcome) => number, digits: number) =>
    outcomes.filter((o) => o.mode === mode).map((o) => pick(o).toFixed(digits)).join(", ");
  return [
    `Embedded store alone: ${MEASURED.rate.toLocaleString("en-US")} alerts/s (each with its escalation row, delivery record and ack) to ${STORE_BENCH_USERS.toLocaleString("en-US")} users after a ${PREFILL.count.toLocaleString("en-US")}-alert pre-fill; ${PAIRS} alternating runs of each`,
    "",
    "| checkpoints | loop delay p50, ms | loop delay p99, ms ↓ | loop delay max, ms ↓ | event-loop time per alert, µs ↓ | CPU per alert (all threads), µs ↓ |",
    "| :--- | ---: | ---: | ---: | ---: | ---: |",
    ...modes.map(
      (mode) =>
        `| ${checkpointModeLabel(mode)} | ${cell(mode, (o) => o.loopP50Ms, 1)} | ${cell(mode, (o) => o.loopP99Ms, 1)} | ${cell(mode, (o) => o.loopMaxMs, 1)} | ${cell(mode, (o) => o.loopUsPerAlert, 0)} | ${cell(mode, (o) => o.cpuUsPerAlert, 0)} |`,
    ),
  ].join("\n");
}
