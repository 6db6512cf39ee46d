/**
 * Turns session results into the figures the report shows: for one target at one socket
 * count, the median over its runs (and over a step's repeats); losses are summed, never
 * averaged away.
 */
import { fitLine } from "../lib/line-fit";
import { median } from "../lib/stats";
import type { SessionResult, StepResult, TargetName } from "../load/types";

export interface StepFigures {
  runs: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  published: number;
  lost: number;
  duplicates: number;
  errors: number;
  achievedRate: number;
  serverCpuPct: number;
  serverCpuUsPerAlert: number;
  serverMainThreadCpuPct: number;
  serverMainThreadUsPerAlert: number;
  generatorCpuPct: number;
}

export class Results {
  constructor(readonly sessions: readonly SessionResult[]) {}

  of(target: TargetName, sockets: number): SessionResult[] {
    return this.sessions.filter((s) => s.target === target && s.sockets === sockets);
  }

  socketCounts(): number[] {
    return [...new Set(this.sessions.map((s) => s.sockets).filter((n) => n > 0))].sort((a, b) => a - b);
  }

  stepNames(sockets: number): string[] {
    return [...new Set(this.sessions.filter((s) => s.sockets === sockets).flatMap((s) => s.steps.map((step) => step.name)))];
  }

  connectRate(target: TargetName, sockets: number): number {
    return median(this.of(target, sockets).map((s) => s.connect?.perSecond ?? Number.NaN));
  }

  connectFailures(target: TargetName, sockets: number): number {
    return this.of(target, sockets).reduce((sum, s) => sum + (s.connect?.failed ?? 0), 0);
  }

  /** KB of server RSS per idle socket, after forced GC (or before it, with `gc: false`). */
  rssPerSocketKB(target: TargetName, sockets: number, gc = true): number {
    return median(
      this.of(target, sockets).map((s) =>
        s.memory ? ((gc ? s.memory.idle.rssBytes : s.memory.idleRssNoGcBytes) - s.memory.baseline.rssBytes) / sockets / 1024 : Number.NaN,
      ),
    );
  }

  /** KB of V8 heap per idle socket, after forced GC: the part of RSS the server's own objects hold. */
  heapPerSocketKB(target: TargetName, sockets: number): number {
    return median(
      this.of(target, sockets).map((s) => (s.memory ? (s.memory.idle.heapUsedBytes - s.memory.baseline.heapUsedBytes) / sockets / 1024 : Number.NaN)),
    );
  }

  step(target: TargetName, sockets: number, name: string): StepFigures | null {
    const steps = this.of(target, sockets).flatMap((s) => [...s.steps, ...(s.ceiling?.steps ?? [])].filter((step) => step.name === name));
    return steps.length ? figures(steps) : null;
  }

  ceiling(target: TargetName, sockets: number): number {
    return median(this.of(target, sockets).flatMap((s) => (s.ceiling ? [s.ceiling.highestPassing] : [])));
  }

  /**
   * Whether the median ceiling is only a floor: the run it came from passed every rate it was
   * offered (or ran out of time), so the server's real ceiling is that high or higher, and a
   * ratio to it is an upper bound.
   */
  ceilingIsLowerBound(target: TargetName, sockets: number): boolean {
    const value = this.ceiling(target, sockets);
    return this.of(target, sockets).some((s) => s.ceiling && s.ceiling.stoppedAt === undefined && s.ceiling.highestPassing === value);
  }

  /**
   * `a`'s ceiling as a share of `b`'s, round by round (the n-th session of each), over the rounds
   * in which both searches ended on a failing rate. A round's sessions run back to back, so a
   * machine that slows down through the run moves both alike; the ratio of the medians can set
   * one server's fast round against the other's slow one.
   */
  ceilingRatiosByRound(a: TargetName, b: TargetName, sockets: number): number[] {
    const bs = this.of(b, sockets);
    return this.of(a, sockets).flatMap((session, round) => {
      const [x, y] = [session.ceiling, bs[round]?.ceiling];
      return x?.stoppedAt !== undefined && y?.stoppedAt !== undefined && y.highestPassing > 0 ? [x.highestPassing / y.highestPassing] : [];
    });
  }

  /**
   * How much of its main thread a server spends per alert it adds: the slope of main-thread CPU
   * against the rate reached, fitted over the ceiling steps that passed, in every run pooled.
   * CPU per alert at one rate mixes that with what does not grow with the rate, and with how
   * much cheaper alerts get when they arrive together (batched commits, coalesced writes); the
   * slope is what decides where the main thread fills, which is where a ceiling ends.
   */
  mainThreadCost(target: TargetName, sockets: number): { usPerAlert: number; percentAtZero: number; fullCoreAtRate: number; steps: number } {
    const passed = this.of(target, sockets).flatMap((s) =>
      s.ceiling ? s.ceiling.steps.filter((step) => (step.rate ?? Number.POSITIVE_INFINITY) <= s.ceiling!.highestPassing) : [],
    );
    const line = fitLine(passed.map((step) => ({ x: step.achievedRate, y: step.serverMainThreadCpuPct })));
    // % of a core per (alert/s) → µs per alert: 1% of a core is 10,000 µs each second.
    const usPerAlert = line.slope * 10_000;
    const fullCoreAtRate = ((100 - line.intercept) / usPerAlert) * 10_000;
    return { usPerAlert, percentAtZero: line.intercept, fullCoreAtRate, steps: passed.length };
  }

  ceilingReasons(target: TargetName, sockets: number): string[] {
    return this.of(target, sockets).flatMap((s) => {
      if (!s.ceiling) return [];
      const { highestPassing, stoppedAt, reason } = s.ceiling;
      if (stoppedAt !== undefined) return [`stopped at ${stoppedAt}/s: ${reason}`];
      const floor = `the ceiling is at least ${highestPassing}/s`;
      return [reason ? `no failing rate before the search stopped (${reason}): ${floor}` : `passed every rate offered: ${floor}`];
    });
  }

  /** Everything lost or refused at this socket count, across every step and run. */
  lost(target: TargetName, sockets: number): number {
    return this.of(target, sockets)
      .flatMap((s) => s.steps)
      .reduce((sum, step) => sum + step.lost + step.errors, 0);
  }

  churn(target: TargetName) {
    return this.sessions.find((s) => s.target === target && s.churn)?.churn;
  }

  errors(): Array<{ target: TargetName; sockets: number; error: string }> {
    return this.sessions.flatMap((s) => s.errors.map((error) => ({ target: s.target, sockets: s.sockets, error })));
  }
}

function figures(steps: StepResult[]): StepFigures {
  const m = (pick: (step: StepResult) => number | undefined) => median(steps.map((step) => pick(step) ?? Number.NaN));
  const sum = (pick: (step: StepResult) => number) => steps.reduce((total, step) => total + pick(step), 0);
  return {
    runs: steps.length,
    p50: m((s) => s.latency?.p50),
    p90: m((s) => s.latency?.p90),
    p99: m((s) => s.latency?.p99),
    max: m((s) => s.latency?.max),
    published: sum((s) => s.published),
    lost: sum((s) => s.lost),
    duplicates: sum((s) => s.duplicates),
    errors: sum((s) => s.errors),
    achievedRate: m((s) => s.achievedRate),
    serverCpuPct: m((s) => s.serverCpuPct),
    serverCpuUsPerAlert: m((s) => s.serverCpuUsPerAlert),
    serverMainThreadCpuPct: m((s) => s.serverMainThreadCpuPct),
    serverMainThreadUsPerAlert: m((s) => s.serverMainThreadUsPerAlert),
    generatorCpuPct: m((s) => s.generatorCpuPct),
  };
}
