/**
 * One publish step (paced rate, burst or group fan-out, over HTTP or in-process) and the
 * ceiling search built from paced HTTP steps. Each step times every alert from publish to
 * frame, counts what went missing, and meters server and generator CPU over the step.
 */
import { pace } from "../../src/server/bench/pace";
import { benchAlert, groupOf } from "../../src/server/bench/plan";
import type { HttpPublisher } from "./http-publisher";
import { searchCeiling, type StepFailure } from "./ceiling-search";
import { cpuMeter, settle } from "./probe";
import type { FrameRouter } from "./recorder";
import type { SessionPlan, StepResult, StepSpec } from "./types";

/** HTTP requests in flight at most; past it the pace falls behind and achievedRate shows it. */
const MAX_IN_FLIGHT = 2000;

export interface TrafficContext {
  plan: SessionPlan;
  http: HttpPublisher;
  router: FrameRouter;
  userPrefix: string;
  userCount: number;
}

export async function runStep(spec: StepSpec, tag: string, context: TrafficContext): Promise<StepResult> {
  const { http, router, userPrefix, userCount, plan } = context;
  const recorder = router.open(tag);
  const serverCpu = cpuMeter(plan.serverPid);
  const generatorCpu = process.cpuUsage();
  const started = performance.now();
  const maxMs = spec.mode === "paced" ? Math.ceil((spec.count / spec.rate!) * 1500) + 2000 : 30_000;
  let published = 0;
  let errors = 0;
  let issued = 0;
  let issueMs = 0;

  if (spec.path === "inproc") {
    const summary = await http.benchPlan({ tag, userPrefix, userCount, mode: spec.mode, count: spec.count, rate: spec.rate, maxMs });
    published = summary.published;
    errors = summary.failed;
    issued = spec.mode === "group" ? 1 : summary.published + summary.failed;
    issueMs = summary.elapsedMs;
  } else if (spec.mode === "group") {
    const outcome = await http.publishGroup(groupOf(userPrefix, userCount, spec.count), benchAlert(tag, 0)).catch(() => null);
    if (outcome) published = outcome.accepted;
    else errors++;
    issued = 1;
    issueMs = performance.now() - started;
  } else {
    let inFlight = 0;
    const paced = await pace(
      { rate: spec.mode === "burst" ? Infinity : spec.rate!, count: spec.count, maxMs, canSend: () => spec.mode === "burst" || inFlight < MAX_IN_FLIGHT },
      (index) => {
        inFlight++;
        const userId = `${userPrefix}${Math.floor(Math.random() * userCount)}`;
        http
          .publishOne(userId, benchAlert(tag, index))
          .then(
            (outcome) => void (published += outcome.accepted),
            () => void errors++,
          )
          .finally(() => void inFlight--);
      },
    );
    issued = paced.sent;
    issueMs = paced.elapsedMs;
    await settle(() => inFlight === 0, { maxMs: 60_000 });
  }

  await settle(() => recorder.received >= published, { maxMs: 15_000, stallMs: 2000, progress: () => recorder.received });
  router.close(tag);
  const cpu = serverCpu();
  const wallMs = performance.now() - started;
  const generator = process.cpuUsage(generatorCpu);
  return {
    name: spec.name,
    path: spec.path,
    mode: spec.mode,
    rate: spec.rate,
    published,
    received: recorder.received,
    // An alert answered no_live_socket cannot arrive either: every user holds a socket.
    lost: Math.max(0, published - recorder.received),
    duplicates: recorder.duplicates,
    errors,
    latency: recorder.latency(),
    achievedRate: issueMs > 0 ? (issued / issueMs) * 1000 : issued,
    serverCpuPct: cpu.percent,
    serverCpuUsPerAlert: published > 0 ? cpu.usedMicros / published : Number.NaN,
    serverMainThreadCpuPct: cpu.mainThreadPercent,
    serverMainThreadUsPerAlert: published > 0 ? cpu.mainThreadMicros / published : Number.NaN,
    generatorCpuPct: ((generator.user + generator.system) / 1000 / wallMs) * 100,
  };
}

/**
 * Paced HTTP steps at rising rates until one fails: p99 at or over the limit, anything
 * lost or refused, or the rate not reached (server or generator saturated). The order of
 * the steps is ceiling-search.ts's.
 */
export async function runCeiling(ceiling: NonNullable<SessionPlan["ceiling"]>, context: TrafficContext, log: (line: string) => void) {
  const steps: StepResult[] = [];
  const attempt = async (rate: number) => {
    await new Promise((resolve) => setTimeout(resolve, context.plan.settleMs));
    const spec: StepSpec = { name: `ceiling-${rate}`, path: "http", mode: "paced", rate, count: Math.round((rate * ceiling.stepMs) / 1000) };
    const step = await runStep(spec, spec.name, context);
    steps.push(step);
    log(describeStep(step));
    const failure = ceilingFailure(step, rate, ceiling.p99LimitMs);
    return failure && { ...failure, reason: `${failure.reason} (${busiest(step)})` };
  };
  const outcome = await searchCeiling(ceiling, attempt, () => Date.now() > context.plan.deadlineAt);
  return { ...outcome, steps };
}

function ceilingFailure(step: StepResult, rate: number, p99LimitMs: number): StepFailure | undefined {
  if (step.lost > 0 || step.errors > 0) return { reason: `${step.lost} lost, ${step.errors} errors`, latencyOnly: false };
  if (step.achievedRate < rate * 0.9) return { reason: `reached only ${Math.round(step.achievedRate)}/s`, latencyOnly: false };
  if (!step.latency) return { reason: "no frames", latencyOnly: false };
  if (step.latency.p99 >= p99LimitMs) return { reason: `p99 ${step.latency.p99.toFixed(0)} ms`, latencyOnly: true };
  return undefined;
}

/**
 * How busy the two things that can bind were when a ceiling step failed: the server's main
 * thread, and the load generator (one Node process, nearly all of its work on its own main
 * thread). Whichever is near a full core is what the ceiling measured; when neither is, the
 * step failed on a stall.
 */
function busiest(step: StepResult): string {
  return `server main thread ${step.serverMainThreadCpuPct.toFixed(0)}%, generator ${step.generatorCpuPct.toFixed(0)}%`;
}

export function describeStep(step: StepResult): string {
  const l = step.latency;
  const latency = l ? `p50 ${l.p50.toFixed(1)} p90 ${l.p90.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms` : "no frames";
  const rate = step.mode === "paced" ? ` @${Math.round(step.achievedRate)}/s` : "";
  return `${step.name}${rate}: ${latency}; ${step.received}/${step.published} received, lost ${step.lost}, errors ${step.errors}; server ${step.serverCpuPct.toFixed(0)}% CPU (main thread ${step.serverMainThreadCpuPct.toFixed(0)}%), ${step.serverCpuUsPerAlert.toFixed(0)} µs/alert; generator ${step.generatorCpuPct.toFixed(0)}%`;
}
