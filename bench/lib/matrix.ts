/**
 * What a run measures: the full matrix of issue 6 and the quick smoke run, turned into
 * an ordered list of sessions (one server process + one generator process each). Every
 * loop here is bounded: steps have fixed counts, the whole run has a time budget.
 */
import type { BenchArgs } from "./args";
import { POOL_CONNECTIONS } from "../load/http-publisher";
import type { SessionPlan, StepSpec, TargetName } from "../load/types";

export interface Matrix {
  label: "full" | "quick";
  sizes: Array<{ sockets: number; repeats: number; ceiling: boolean }>;
  rates: number[];
  stepSeconds: number;
  burst: number;
  fanout: { users: number; repeats: number };
  ceiling: NonNullable<SessionPlan["ceiling"]>;
  churn: NonNullable<SessionPlan["churn"]>;
  settleMs: number;
  connectConcurrency: number;
  /** Connections of the generator's HTTP publish pool. */
  httpConnections: number;
  /** Hard cap on the whole run (after the build); sessions past it are skipped. */
  budgetMs: number;
  /** Hard cap on one session; its generator is killed past it. */
  sessionBudgetMs: number;
}

export const FULL: Matrix = {
  label: "full",
  sizes: [
    { sockets: 1000, repeats: 1, ceiling: false },
    { sockets: 5000, repeats: 1, ceiling: false },
    // The figures are medians of 3 runs at 10,000 sockets.
    { sockets: 10_000, repeats: 3, ceiling: true },
  ],
  rates: [500, 2000, 5000],
  stepSeconds: 6,
  burst: 5000,
  fanout: { users: 1000, repeats: 3 },
  // Runs before 2026-11-30 14:43 had no `refineBy`: their ceilings are multiples of 1,000/s.
  // Up to 15,000/s since the 22:53 run of 2026-11-30: on a fast machine raw ws passed every rate up to
  // 10,000/s in all three runs, so its ceiling, and Beacon's ratio to it, were not measured.
  ceiling: {
    rates: [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 11_000, 12_000, 13_000, 14_000, 15_000],
    stepMs: 3000,
    p99LimitMs: 100,
    refineBy: 500,
    // Since the 14:51 run of 2026-12-02; earlier ceilings ended on a step's first failure.
    retryLatencyFailures: true,
  },
  // Every 2 rounds: 51 samples for bench/report/heap-growth.ts's line, about 25 s of forced GC.
  churn: { warmupRounds: 10, rounds: 100, perRound: 100, sampleEvery: 2 },
  settleMs: 500,
  connectConcurrency: 100,
  httpConnections: POOL_CONNECTIONS,
  budgetMs: 75 * 60_000,
  sessionBudgetMs: 8 * 60_000,
};

export const QUICK: Matrix = {
  label: "quick",
  // A short ceiling search too, so the smoke run exercises every kind of step.
  sizes: [{ sockets: 1000, repeats: 1, ceiling: true }],
  rates: [500, 2000],
  stepSeconds: 2,
  burst: 1000,
  fanout: { users: 1000, repeats: 1 },
  ceiling: { rates: [1000, 2000, 4000], stepMs: 1000, p99LimitMs: 100 },
  // Every 2 rounds (and halfway): each sample costs about half a second of forced GC.
  // 30 warm-up rounds: Beacon's heap rises about 0.5 MB over its first few thousand cycles and
  // then levels off (full runs of 2026-11-30), which over 1,000 measured cycles after only 200
  // of warm-up read as 622 B/cycle, against a 524 B/cycle threshold.
  churn: { warmupRounds: 30, rounds: 10, perRound: 100, sampleEvery: 2 },
  settleMs: 250,
  connectConcurrency: 100,
  httpConnections: POOL_CONNECTIONS,
  budgetMs: 110_000,
  sessionBudgetMs: 60_000,
};

export interface SessionSpec {
  target: TargetName;
  sockets: number;
  /** 1-based run number for this socket count. */
  run: number;
  steps: StepSpec[];
  ceiling?: SessionPlan["ceiling"];
  churn?: SessionPlan["churn"];
}

export function chooseMatrix(args: BenchArgs): Matrix {
  const base = { ...(args.quick ? QUICK : FULL), httpConnections: args.httpPool ?? POOL_CONNECTIONS };
  if (!args.sockets && !args.repeats) return base;
  const sizes = (args.sockets ?? base.sizes.map((s) => s.sockets)).map((sockets) => ({
    sockets,
    repeats: args.repeats ?? base.sizes.find((s) => s.sockets === sockets)?.repeats ?? 1,
    ceiling: base.sizes.find((s) => s.sockets === sockets)?.ceiling ?? false,
  }));
  return { ...base, sizes };
}

export function stepsFor(matrix: Matrix, sockets: number): StepSpec[] {
  const steps: StepSpec[] = [];
  for (const rate of matrix.rates) {
    for (const path of ["http", "inproc"] as const) {
      steps.push({ name: `${path}-${rate}`, path, mode: "paced", rate, count: rate * matrix.stepSeconds });
    }
  }
  for (const path of ["http", "inproc"] as const) steps.push({ name: `${path}-burst`, path, mode: "burst", count: matrix.burst });
  const users = Math.min(matrix.fanout.users, sockets);
  for (const path of ["http", "inproc"] as const) {
    steps.push({ name: `fanout-${path}`, path, mode: "group", count: users, repeats: matrix.fanout.repeats });
  }
  return steps;
}

/**
 * Sessions in run order. Runs of one socket count rotate the targets (A B C, B C A, …) so
 * a noisy minute on a shared machine does not always land on the same server.
 */
export function sessionsFor(matrix: Matrix, targets: readonly TargetName[]): SessionSpec[] {
  const sessions: SessionSpec[] = [];
  for (const size of matrix.sizes) {
    for (let run = 1; run <= size.repeats; run++) {
      const shift = (run - 1) % targets.length;
      for (const target of [...targets.slice(shift), ...targets.slice(0, shift)]) {
        sessions.push({ target, sockets: size.sockets, run, steps: stepsFor(matrix, size.sockets), ceiling: size.ceiling ? matrix.ceiling : undefined });
      }
    }
  }
  for (const target of targets) sessions.push({ target, sockets: 0, run: 1, steps: [], churn: matrix.churn });
  return sessions;
}
