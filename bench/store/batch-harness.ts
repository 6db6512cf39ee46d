/**
 * `pnpm bench --store-batches[=16,256]`: the embedded store alone, driven the way the
 * generator's HTTP pool drives the server. POOL_CONNECTIONS producers each keep one alert in
 * flight: the next insert starts only when the last one committed (what a keep-alive
 * connection waiting for its 202 does), and the tab's ack follows without being waited for.
 * Alternating runs per batch size (FULL_BATCH in src/server/store/group-commit.ts: the queued
 * writes that commit without waiting out the coalescing window) measure how many alerts per
 * second the producers get through, how busy the event loop was, CPU per alert and how long
 * an insert waited. This is how FULL_BATCH was chosen: at the server bench's ceiling the
 * server was not out of CPU, its pool was waiting on commits.
 */
import { performance } from "node:perf_hooks";
import { POOL_CONNECTIONS } from "../load/http-publisher";
import { percentile } from "../lib/stats";
import { STORE_BENCH_USERS, startUsage, storeWorkload, withTempStore } from "./workload";

/** Alerts stored before measuring, so the store's indexes are not tiny. */
const PREFILL = 50_000;
const MEASURED_MS = 8000;
const PAIRS = 3;

interface Outcome {
  fullBatch: number;
  alertsPerSecond: number;
  loopBusyPercent: number;
  loopUsPerAlert: number;
  cpuUsPerAlert: number;
  insertP50Ms: number;
  insertP99Ms: number;
}

function runOnce(fullBatch: number): Promise<Outcome> {
  return withTempStore({ fullBatch }, async (store) => {
    const workload = storeWorkload(store);
    let next = 0;
    /** Every producer stores alerts one after another until `stopAt` or until `count` were stored by all. */
    const produce = async (stopAt: number, count: number, latencies?: number[]) => {
      const producer = async () => {
        while (performance.now() < stopAt && next < count) {
          const started = performance.now();
          const alert = await workload.insert(next++);
          latencies?.push(performance.now() - started);
          void workload.acknowledge(alert);
        }
      };
      await Promise.all(Array.from({ length: POOL_CONNECTIONS }, producer));
    };
    await produce(Number.POSITIVE_INFINITY, PREFILL);
    const latencies: number[] = [];
    const stored = next;
    const loop = performance.eventLoopUtilization();
    const usage = startUsage();
    const started = performance.now();
    await produce(started + MEASURED_MS, Number.POSITIVE_INFINITY, latencies);
    const seconds = (performance.now() - started) / 1000;
    const alerts = next - stored;
    latencies.sort((a, b) => a - b);
    return {
      fullBatch,
      alertsPerSecond: alerts / seconds,
      loopBusyPercent: performance.eventLoopUtilization(loop).utilization * 100,
      ...usage.per(alerts),
      insertP50Ms: percentile(latencies, 50),
      insertP99Ms: percentile(latencies, 99),
    };
  });
}

export async function runBatchComparison(batches: number[], log: (line: string) => void): Promise<string> {
  const outcomes: Outcome[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const fullBatch of batches) {
      const o = await runOnce(fullBatch);
      log(`  [store] pair ${pair}, full batch ${fullBatch}: ${o.alertsPerSecond.toFixed(0)} alerts/s, loop ${o.loopBusyPercent.toFixed(0)}% busy, ${o.loopUsPerAlert.toFixed(0)} µs per alert on the loop, ${o.cpuUsPerAlert.toFixed(0)} µs CPU; insert p50 ${o.insertP50Ms.toFixed(1)} ms, p99 ${o.insertP99Ms.toFixed(1)} ms`);
      outcomes.push(o);
    }
  }
  const cell = (fullBatch: number, pick: (o: Outcome) => number, digits: number) =>
    outcomes.filter((o) => o.fullBatch === fullBatch).map((o) => pick(o).toFixed(digits)).join(", ");
  return [
    `Embedded store alone: ${POOL_CONNECTIONS} producers, each waiting for its insert to commit before the next (each alert with its escalation row, delivery record and ack), ${STORE_BENCH_USERS.toLocaleString("en-US")} users, after a ${PREFILL.toLocaleString("en-US")}-alert pre-fill; ${PAIRS} alternating runs of ${MEASURED_MS / 1000} s each`,
    "",
    "| full batch | alerts/s ↑ | event loop busy, % | event-loop time per alert, µs ↓ | CPU per alert (all threads), µs ↓ | insert p50, ms ↓ | insert p99, ms ↓ |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...batches.map(
      (b) =>
        `| ${b} | ${cell(b, (o) => o.alertsPerSecond, 0)} | ${cell(b, (o) => o.loopBusyPercent, 0)} | ${cell(b, (o) => o.loopUsPerAlert, 0)} | ${cell(b, (o) => o.cpuUsPerAlert, 0)} | ${cell(b, (o) => o.insertP50Ms, 1)} | ${cell(b, (o) => o.insertP99Ms, 1)} |`,
    ),
  ].join("\n");
}
