/**
 * The one table a run prints: Beacon, raw ws and Socket.IO side by side for every socket
 * count, with Beacon's figure divided by each peer's. Latency cells read p50 / p99 / max
 * and their ratio compares p99. ↓ marks rows where lower is better, ↑ higher.
 */
import type { ChurnResult, TargetName } from "../load/types";
import type { Results, StepFigures } from "./aggregate";
import { fixed, int, markdownTable, ms, ratio, signed, signedMB } from "./format";
import { hasGrowthSamples, heapGrowth, type HeapGrowth } from "./heap-growth";

const LABELS: Record<TargetName, string> = { beacon: "Beacon", ws: "raw ws", socketio: "Socket.IO" };
const PATHS: Record<string, string> = { http: "HTTP", inproc: "in-process" };

interface Row {
  label: string;
  cells: Partial<Record<TargetName, string>>;
  /** The number each ratio is computed on, per target. */
  values?: Partial<Record<TargetName, number>>;
  /** Targets whose value is only a floor (a ceiling no rate ended): ratios to them are bounds. */
  atLeast?: readonly TargetName[];
}

export function mainTable(results: Results, targets: readonly TargetName[]): string {
  const rows: Row[] = [];
  for (const sockets of results.socketCounts()) rows.push(...socketRows(results, targets, sockets));
  rows.push(...churnRows(results, targets));

  const peers = targets.filter((t) => t !== "beacon");
  const withBeacon = targets.includes("beacon");
  const header = ["", ...targets.map((t) => LABELS[t]), ...(withBeacon ? peers.map((p) => `Beacon ÷ ${LABELS[p]}`) : [])];
  const body = rows.map((row) => [
    row.label,
    ...targets.map((t) => row.cells[t] ?? ""),
    ...(withBeacon ? peers.map((p) => (row.values ? boundedRatio(row, p) : "")) : []),
  ]);
  return markdownTable(header, body);
}

/** Beacon's value over the peer's; "≤" when only the peer's is a floor, "≥" when only Beacon's is, "?" when both are (no bound follows). */
function boundedRatio(row: Row, peer: TargetName): string {
  const value = ratio(row.values?.beacon ?? Number.NaN, row.values?.[peer] ?? Number.NaN);
  const beaconFloor = row.atLeast?.includes("beacon") ?? false;
  const peerFloor = row.atLeast?.includes(peer) ?? false;
  if (beaconFloor && peerFloor) return "?";
  return beaconFloor ? `≥ ${value}` : peerFloor ? `≤ ${value}` : value;
}

function socketRows(results: Results, targets: readonly TargetName[], sockets: number): Row[] {
  const each = (pick: (target: TargetName) => number, format: (n: number) => string, label: string): Row => {
    const values = Object.fromEntries(targets.map((t) => [t, pick(t)]));
    return { label, values, cells: Object.fromEntries(targets.map((t) => [t, format(values[t])])) };
  };
  const runs = Math.max(...targets.map((t) => results.of(t, sockets).length));
  const rows: Row[] = [{ label: `**${int(sockets)} sockets**${runs > 1 ? ` (median of ${runs} runs)` : ""}`, cells: {} }];

  rows.push(each((t) => results.connectRate(t, sockets), int, "connect rate, sockets/s ↑"));
  rows.push(each((t) => results.rssPerSocketKB(t, sockets), (n) => fixed(n), "RSS per idle socket after GC, KB ↓"));

  for (const name of results.stepNames(sockets)) {
    const [path, kind] = name.split("-");
    const figures = Object.fromEntries(targets.map((t) => [t, results.step(t, sockets, name)])) as Record<TargetName, StepFigures | null>;
    const any = Object.values(figures).find(Boolean);
    if (!any) continue;
    if (path === "fanout") {
      const users = Math.round(any.published / any.runs);
      rows.push(latencyRow(`fan-out to ${int(users)} users (${PATHS[kind]}): median / last frame, ms ↓`, figures, targets, (f) => `${ms(f.p50)} / ${ms(f.max)}`, (f) => f.max));
    } else if (kind === "burst") {
      const size = Math.round(any.published / any.runs);
      rows.push(latencyRow(`${PATHS[path]} burst of ${int(size)}: p50 / p99 / max, ms ↓`, figures, targets, latencyCell, (f) => f.p99));
    } else {
      rows.push(latencyRow(`${PATHS[path]} ${int(Number(kind))}/s: p50 / p99 / max, ms ↓`, figures, targets, latencyCell, (f) => f.p99));
    }
  }

  const cpuStep = pickCpuStep(results.stepNames(sockets));
  for (const name of cpuStep) {
    const [path, rate] = name.split("-");
    rows.push(each((t) => results.step(t, sockets, name)?.serverCpuUsPerAlert ?? Number.NaN, int, `server CPU per alert at ${int(Number(rate))}/s ${PATHS[path]}, µs ↓`));
  }
  // A Node server's work queues on its main thread, which fills before the process's total does
  // (the total also counts GC helpers and a server's own workers, such as Beacon's checkpoint thread).
  for (const name of cpuStep.filter((step) => step.startsWith("http-"))) {
    const rate = name.split("-")[1];
    rows.push(
      each((t) => results.step(t, sockets, name)?.serverMainThreadUsPerAlert ?? Number.NaN, int, `main thread's CPU per alert at ${int(Number(rate))}/s HTTP, µs ↓`),
    );
  }
  if (targets.some((t) => Number.isFinite(results.ceiling(t, sockets)))) {
    rows.push(
      each((t) => results.mainThreadCost(t, sockets).usPerAlert, int, "main thread's CPU per added alert/s (fitted over the ceiling), µs ↓"),
    );
    const ceilings = each((t) => results.ceiling(t, sockets), int, "highest HTTP rate with p99 < 100 ms, alerts/s ↑");
    const atLeast = targets.filter((t) => results.ceilingIsLowerBound(t, sockets));
    for (const t of atLeast) ceilings.cells[t] = `≥ ${ceilings.cells[t]}`;
    rows.push({ ...ceilings, atLeast });
  }
  rows.push({ label: "lost or refused, all steps (must be 0)", cells: Object.fromEntries(targets.map((t) => [t, int(results.lost(t, sockets))])) });
  return rows;
}

function latencyRow(
  label: string,
  figures: Record<TargetName, StepFigures | null>,
  targets: readonly TargetName[],
  cell: (f: StepFigures) => string,
  value: (f: StepFigures) => number,
): Row {
  return {
    label,
    cells: Object.fromEntries(targets.map((t) => [t, figures[t] ? cell(figures[t]!) + lossNote(figures[t]!) : "–"])),
    values: Object.fromEntries(targets.map((t) => [t, figures[t] ? value(figures[t]!) : Number.NaN])),
  };
}

function latencyCell(f: StepFigures): string {
  return `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.max)}`;
}

function lossNote(f: StepFigures): string {
  return f.lost + f.errors > 0 ? ` ⚠ ${int(f.lost + f.errors)} lost` : "";
}

/** CPU per alert is shown at 2,000/s (the issue's latency target), or the highest rate run. */
function pickCpuStep(names: string[]): string[] {
  const paced = names.filter((n) => /^(http|inproc)-\d+$/.test(n));
  const rates = [...new Set(paced.map((n) => Number(n.split("-")[1])))];
  const rate = rates.includes(2000) ? 2000 : Math.max(...rates);
  return paced.filter((n) => Number(n.split("-")[1]) === rate);
}

function churnRows(results: Results, targets: readonly TargetName[]): Row[] {
  const churns = Object.fromEntries(targets.map((t) => [t, results.churn(t)]));
  if (!Object.values(churns).some(Boolean)) return [];
  const cycles = Math.max(...targets.map((t) => churns[t]?.cycles ?? 0));
  const samples = Math.max(...targets.map((t) => churns[t]?.samples?.length ?? 0));
  const cell = (pick: (c: ChurnResult) => string) => Object.fromEntries(targets.map((t) => [t, churns[t] ? pick(churns[t]!) : "–"]));
  const value = (pick: (c: ChurnResult) => number) =>
    Object.fromEntries(targets.map((t) => [t, churns[t] ? pick(churns[t]!) : Number.NaN]));
  return [
    { label: `**churn: ${int(cycles)} connect/disconnect cycles**`, cells: {} },
    { label: "registry after: sockets / users (must be 0 / 0)", cells: cell((c) => `${c.socketsAfter} / ${c.usersAfter}`) },
    { label: "failed connects", cells: cell((c) => int(c.failed)) },
    { label: "RSS after − before (forced GC), MB", cells: cell((c) => signedMB(c.after.rssBytes - c.before.rssBytes)) },
    { label: "heap after − before (forced GC), MB", cells: cell((c) => signedMB(c.after.heapUsedBytes - c.before.heapUsedBytes)) },
    { label: "heap growth in the second half alone, MB", cells: cell((c) => signedMB(c.after.heapUsedBytes - c.middle.heapUsedBytes)) },
    { label: `heap growth fitted over ${samples} samples, B per cycle (± std. error)`, cells: cell((c) => fitted(c, (g) => `${signed(g.slope)} ± ${fixed(g.slopeStdError, 0)}`)) },
    { label: "heap growth fitted over the second half's samples, B per cycle", cells: cell((c) => fitted(c, (g) => signed(g.secondHalfSlope))) },
    { label: "cycles per second ↑", cells: cell((c) => int((c.cycles / c.ms) * 1000)), values: value((c) => (c.cycles / c.ms) * 1000) },
  ];
}

/** A cell of the fitted heap growth (heap-growth.ts), or "–" for results without samples. */
function fitted(churn: ChurnResult, show: (growth: HeapGrowth) => string): string {
  return hasGrowthSamples(churn) ? show(heapGrowth(churn.samples)) : "–";
}

export { LABELS, PATHS };
