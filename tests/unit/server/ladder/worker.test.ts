/**
 * The worker that runs due escalations, on a real SQLite file: woken at the exact due time for
 * work it scheduled, finding other servers' work by polling, and never running one escalation
 * twice when two workers (two processes' stores on one file) claim together.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ClaimedEscalation, createEscalationStore } from "~/server/ladder/escalation-store";
import { createLadderWorker, type LadderWorker } from "~/server/ladder/worker";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";
import { eventually } from "../../../helpers/eventually";

const opened: AlertStore[] = [];
const workers: LadderWorker[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "beacon-worker-"));
  dirs.push(dir);
  return join(dir, "beacon.sqlite");
}

function open(file: string): AlertStore {
  const store = createSqliteStore(file);
  opened.push(store);
  return store;
}

let ids = 0;
async function insert(store: AlertStore, count: number, escalateAfterMs: number): Promise<string[]> {
  const createdAt = new Date().toISOString();
  const alerts = await store.insert(
    Array.from({ length: count }, () => ({ id: `W${++ids}x${Math.random().toString(36).slice(2, 7)}`, userId: "bob", service: "darkwatch" as const, severity: "high" as const, title: "t", body: "b", createdAt })),
    { escalateAfterMs },
  );
  return alerts.map((alert) => alert.id);
}

/** A worker whose step marks the escalation done and notes when it ran. */
function worker(store: AlertStore, pollMs: number, ran: Array<{ id: string; at: number }>): LadderWorker {
  const escalations = createEscalationStore(store);
  const created = createLadderWorker({
    escalations,
    pollMs,
    leaseMs: 30_000,
    batchSize: 5,
    onError: (error) => {
      throw error;
    },
    async run(claim: ClaimedEscalation) {
      ran.push({ id: claim.alertId, at: Date.now() });
      await escalations.advance(claim, { step: "done", dueAt: Date.now(), attempts: 0 });
    },
  });
  workers.push(created);
  return created;
}

describe("the ladder worker", () => {
  it("runs what it was woken for at its due time, not a poll later and not before", async () => {
    const store = open(storeFile());
    const ran: Array<{ id: string; at: number }> = [];
    const w = worker(store, 60_000, ran);
    w.start();
    const [id] = await insert(store, 1, 300);
    const dueAt = Date.now() + 300;
    w.wake(dueAt);
    await eventually(() => ran.length === 1, 2000, 5);
    expect(ran[0]!.id).toBe(id);
    expect(ran[0]!.at).toBeGreaterThanOrEqual(dueAt - 20);
    expect(ran[0]!.at - dueAt).toBeLessThan(250);
  });

  it("finds work another server scheduled by polling, and two workers on one database run each escalation once", async () => {
    const file = storeFile();
    const mine = open(file);
    const theirs = open(file);
    const ran: Array<{ id: string; at: number }> = [];
    worker(mine, 50, ran).start();
    worker(theirs, 50, ran).start();
    const ids = await insert(theirs, 23, 0);
    await eventually(() => ran.length >= 23, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it("stop waits for a step in progress and runs nothing after", async () => {
    const store = open(storeFile());
    const escalations = createEscalationStore(store);
    let started = false;
    let finished = false;
    const w = createLadderWorker({
      escalations,
      pollMs: 20,
      leaseMs: 30_000,
      onError: (error) => {
        throw error;
      },
      async run(claim) {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
        await escalations.advance(claim, { step: "done", dueAt: Date.now(), attempts: 0 });
        finished = true;
      },
    });
    w.start();
    await insert(store, 1, 0);
    await eventually(() => started, 1000, 5);
    expect(finished).toBe(false);
    await w.stop();
    expect(finished).toBe(true);
    const [late] = await insert(store, 1, 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await escalations.get(late!)).toMatchObject({ step: "socket" });
  });

  it("a store that keeps failing is asked less and less often, and normally again once it answers", async () => {
    let calls = 0;
    let broken = true;
    const errors: unknown[] = [];
    const w = createLadderWorker({
      escalations: {
        async claimDue() {
          calls++;
          if (broken) throw new Error("store down");
          return [];
        },
      },
      pollMs: 50,
      leaseMs: 30_000,
      onError: (error) => errors.push(error),
      run: async () => {},
    });
    workers.push(w);
    w.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // 50 ms polling would be ~20 calls; doubling from 50 ms (100, 200, 400…) makes ~5.
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(6);
    expect(errors).toHaveLength(calls);
    broken = false;
    w.wake();
    await eventually(() => errors.length < calls, 1000, 5);
    const healthyFrom = calls;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls - healthyFrom).toBeGreaterThanOrEqual(7);
  });
});
