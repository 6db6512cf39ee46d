/** The results file's detail tables: every step for every server, what limited each ceiling, churn's memory samples. */
import type { TargetName } from "../load/types";
import type { Results } from "./aggregate";
import { fixed, int, markdownTable, ms } from "./format";
import { LABELS } from "./table";

export function stepDetails(results: Results, targets: readonly TargetName[], sockets: number): string {
  const header = ["step", "server", "runs", "p50", "p90", "p99", "max ms", "published", "lost", "dup", "rate reached/s", "server CPU %", "µs/alert", "main thread %", "main thread µs/alert", "generator CPU %"];
  const rows: string[][] = [];
  const names = [...results.stepNames(sockets), ...ceilingNames(results, targets, sockets)];
  for (const name of names) {
    for (const target of targets) {
      const f = results.step(target, sockets, name);
      if (!f) continue;
      rows.push([
        name,
        LABELS[target],
        String(f.runs),
        ms(f.p50),
        ms(f.p90),
        ms(f.p99),
        ms(f.max),
        int(f.published),
        int(f.lost + f.errors),
        int(f.duplicates),
        /burst|fanout/.test(name) ? "–" : int(f.achievedRate),
        int(f.serverCpuPct),
        int(f.serverCpuUsPerAlert),
        int(f.serverMainThreadCpuPct),
        int(f.serverMainThreadUsPerAlert),
        int(f.generatorCpuPct),
      ]);
    }
  }
  return markdownTable(header, rows);
}

export function connectAndMemoryDetails(results: Results, targets: readonly TargetName[], sockets: number): string {
  const header = ["server", "runs", "connected", "failed", "sockets/s", "baseline RSS MB", "idle RSS MB (GC)", "KB/socket (GC)", "KB/socket (no GC)", "heap KB/socket (GC)"];
  const rows = targets.map((target) => {
    const sessions = results.of(target, sockets);
    const last = sessions.at(-1);
    return [
      LABELS[target],
      String(sessions.length),
      int(last?.connect?.opened ?? Number.NaN),
      int(results.connectFailures(target, sockets)),
      int(results.connectRate(target, sockets)),
      fixed((last?.memory?.baseline.rssBytes ?? Number.NaN) / 2 ** 20),
      fixed((last?.memory?.idle.rssBytes ?? Number.NaN) / 2 ** 20),
      fixed(results.rssPerSocketKB(target, sockets)),
      fixed(results.rssPerSocketKB(target, sockets, false)),
      fixed(results.heapPerSocketKB(target, sockets)),
    ];
  });
  return markdownTable(header, rows);
}

export function ceilingNotes(results: Results, targets: readonly TargetName[], sockets: number): string[] {
  return targets.flatMap((target) => results.ceilingReasons(target, sockets).map((reason) => `- ${LABELS[target]}: ${reason}`));
}

/** A main thread's cost per alert and what it predicts: the rate at which the fitted line meets a full core. */
export function mainThreadCostNotes(results: Results, targets: readonly TargetName[], sockets: number): string[] {
  return targets.flatMap((target) => {
    const cost = results.mainThreadCost(target, sockets);
    if (!Number.isFinite(cost.usPerAlert) || cost.usPerAlert <= 0) return [];
    return [
      `- ${LABELS[target]}: ${int(cost.usPerAlert)} µs per added alert/s and ${fixed(cost.percentAtZero)}% of a core at 0/s, over ${cost.steps} steps; the line reaches a full core at ${int(cost.fullCoreAtRate)}/s`,
    ];
  });
}

/** Churn's memory after forced GC at each sample, one row per cycle count: the points heap-growth.ts fits. */
export function churnSampleDetails(results: Results, targets: readonly TargetName[]): string | null {
  const samples = Object.fromEntries(targets.map((t) => [t, results.churn(t)?.samples ?? []]));
  const cycles = [...new Set(targets.flatMap((t) => samples[t].map((s) => s.cycles)))].sort((a, b) => a - b);
  if (cycles.length === 0) return null;
  const header = ["cycles", ...targets.map((t) => `${LABELS[t]} heap / RSS MB`)];
  const rows = cycles.map((c) => [
    int(c),
    ...targets.map((t) => {
      const at = samples[t].find((s) => s.cycles === c);
      return at ? `${fixed(at.heapUsedBytes / 2 ** 20, 2)} / ${fixed(at.rssBytes / 2 ** 20)}` : "–";
    }),
  ]);
  return markdownTable(header, rows);
}

function ceilingNames(results: Results, targets: readonly TargetName[], sockets: number): string[] {
  const names = new Set<string>();
  for (const target of targets) for (const s of results.of(target, sockets)) for (const step of s.ceiling?.steps ?? []) names.add(step.name);
  return [...names].sort((a, b) => Number(a.split("-")[1]) - Number(b.split("-")[1]));
}
