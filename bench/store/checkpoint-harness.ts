/**
 * `pnpm bench --store-checkpoints[=1000,400]`: the embedded store alone, no server and no
 * generator, at a fixed pace, once per WAL checkpoint threshold and alternating, so each
 * threshold runs under the same machine conditions. It measures event-loop delay (SQLite
 * checkpoints inside a COMMIT, on the event loop) and CPU per alert. This is how
 * WAL_CHECKPOINT_PAGES in src/server/store/sqlite.ts was chosen. The server bench cannot
 * show a change of this size on a shared 2-core machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pace } from "../../src/server/bench/pace";
import { createEscalationStore } from "../../src/server/ladder/escalation-store";
import { newAlertId } from "../../src/server/services/alert-id";
import { connectionOf } from "../../src/server/store/connection";
import { createSqliteStore } from "../../src/server/store/sqlite";

const USERS = 10_000;
const PREFILL = { rate: 5000, count: 50_000 };
const MEASURED = { rate: 2500, count: 25_000 };
const PAIRS = 3;

interface Outcome {
  pages: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  cpuUsPerAlert: number;
}

/** One store per run: pre-filled, then MEASURED alerts, each with its delivery record and ack, as the server writes them. */
async function runOnce(pages: number): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "bench-store-"));
  const store = createSqliteStore(join(dir, "beacon.sqlite"));
  const connection = connectionOf(store);
  if (connection.kind === "sqlite") connection.db.pragma(`wal_autocheckpoint = ${pages}`);
  const escalations = createEscalationStore(store);
  const publishOne = async (index: number) => {
    const at = new Date();
    const alertInput = {
      id: newAlertId(at.getTime()),
      userId: `user-${(index * 7919) % USERS}`,
      createdAt: at.toISOString(),
      service: "darkwatch" as const,
      severity: "high" as const,
      title: "Your email appeared in a breach",
      body: "x".repeat(200),
    };
    const [alert] = await store.insert([alertInput], { escalateAfterMs: 30_000 });
    void store.recordDeliveries([{ alertId: alert!.id, channel: "websocket", status: "delivered", at: at.toISOString(), detail: "1 socket" }]);
    await escalations.acknowledge(alert!.userId, alert!.id, "websocket", new Date(), "bench");
  };
  const paced = async ({ rate, count }: { rate: number; count: number }) => {
    const pending: Promise<void>[] = [];
    await pace({ rate, count, maxMs: (count / rate) * 3000 }, (index) => void pending.push(publishOne(index)));
    await Promise.all(pending);
  };
  try {
    await paced(PREFILL);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const cpu = process.cpuUsage();
    await paced(MEASURED);
    delay.disable();
    const used = process.cpuUsage(cpu);
    const ms = (ns: number) => ns / 1e6;
    return {
      pages,
      loopP50Ms: ms(delay.percentile(50)),
      loopP99Ms: ms(delay.percentile(99)),
      loopMaxMs: ms(delay.max),
      cpuUsPerAlert: (used.user + used.system) / MEASURED.count,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCheckpointComparison(pagesList: number[], log: (line: string) => void): Promise<string> {
  const outcomes: Outcome[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const pages of pagesList) {
      const outcome = await runOnce(pages);
      log(`  [store] pair ${pair}, wal_autocheckpoint ${pages}: loop delay p99 ${outcome.loopP99Ms.toFixed(1)} ms, max ${outcome.loopMaxMs.toFixed(1)} ms; ${outcome.cpuUsPerAlert.toFixed(0)} µs CPU per alert`);
      outcomes.push(outcome);
    }
  }
  const cell = (pages: number, pick: (o: Outcome) => number, digits: number) =>
    outcomes.filter((o) => o.pages === pages).map((o) => pick(o).toFixed(digits)).join(", ");
  return [
    `Embedded store alone: ${MEASURED.rate.toLocaleString("en-US")} alerts/s (each with its escalation row, delivery record and ack) to ${USERS.toLocaleString("en-US")} users after a ${PREFILL.count.toLocaleString("en-US")}-alert pre-fill; ${PAIRS} alternating runs per threshold`,
    "",
    "| wal_autocheckpoint (pages) | loop delay p50, ms | loop delay p99, ms ↓ | loop delay max, ms ↓ | CPU per alert, µs ↓ |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...pagesList.map(
      (pages) =>
        `| ${pages} | ${cell(pages, (o) => o.loopP50Ms, 1)} | ${cell(pages, (o) => o.loopP99Ms, 1)} | ${cell(pages, (o) => o.loopMaxMs, 1)} | ${cell(pages, (o) => o.cpuUsPerAlert, 0)} |`,
    ),
  ].join("\n");
}
