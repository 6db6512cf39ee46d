/**
 * What the server writes to the embedded store for one alert delivered live: the alert with
 * its escalation row, the socket's delivery record (not awaited, as the publisher does), and
 * the tab's ack. Both store harnesses drive the real store with it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createEscalationStore } from "../../src/server/ladder/escalation-store";
import { newAlertId } from "../../src/server/services/alert-id";
import { createSqliteStore, type SqliteStoreOptions } from "../../src/server/store/sqlite";
import type { AlertStore } from "../../src/server/store/types";

export const STORE_BENCH_USERS = 10_000;

export interface StoreWorkload {
  /** Stores alert number `index` (for a user picked from it); resolves when the insert committed. */
  insert(index: number): Promise<{ id: string; userId: string }>;
  /** The tab's ack of that alert. */
  acknowledge(alert: { id: string; userId: string }): Promise<unknown>;
  /** Insert, then the ack at once: one alert's writes, end to end. */
  publishOne(index: number): Promise<void>;
}

export function storeWorkload(store: AlertStore): StoreWorkload {
  const escalations = createEscalationStore(store);
  const workload: StoreWorkload = {
    async insert(index) {
      const at = new Date();
      const [alert] = await store.insert(
        [
          {
            id: newAlertId(at.getTime()),
            // 7919 is prime: consecutive alerts go to users spread over the whole range.
            userId: `user-${(index * 7919) % STORE_BENCH_USERS}`,
            createdAt: at.toISOString(),
            service: "darkwatch",
            severity: "high",
            title: "Your email appeared in a breach",
            body: "x".repeat(200),
          },
        ],
        { escalateAfterMs: 30_000 },
      );
      void store.recordDeliveries([{ alertId: alert!.id, channel: "websocket", status: "delivered", at: at.toISOString(), detail: "1 socket" }]);
      return alert!;
    },
    acknowledge: (alert) => escalations.acknowledge(alert.userId, alert.id, "websocket", new Date(), "bench"),
    async publishOne(index) {
      await workload.acknowledge(await workload.insert(index));
    },
  };
  return workload;
}

/** A fresh store file in a temporary directory for one run, closed and removed afterwards. */
export async function withTempStore<T>(options: SqliteStoreOptions, run: (store: AlertStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "bench-store-"));
  const store = createSqliteStore(join(dir, "beacon.sqlite"), options);
  try {
    return await run(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts counting the process's CPU (all threads) and the event loop's busy time; `per(alerts)`
 * divides both by what was done meanwhile. The process's CPU cannot show work moved to another
 * thread; the loop's busy time can.
 */
export function startUsage(): { per(alerts: number): { cpuUsPerAlert: number; loopUsPerAlert: number } } {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  return {
    per(alerts) {
      const used = process.cpuUsage(cpu);
      const busy = performance.eventLoopUtilization(loop);
      return { cpuUsPerAlert: (used.user + used.system) / alerts, loopUsPerAlert: (busy.active * 1000) / alerts };
    },
  };
}
