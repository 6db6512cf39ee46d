/**
 * The load generator: a process of its own, given one session plan (a JSON file) against
 * one running server. Holds N idle sockets, measures connect rate and memory per socket,
 * runs the publish steps and the ceiling search, or the churn rounds, and writes a
 * SessionResult (JSON) for bench/run.ts. Progress goes to stderr.
 *
 *   tsx bench/load/generator.ts <plan.json> <result.json>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { runChurn } from "./churn";
import { closeAll, connectMany, mintTokens } from "./connect";
import type { BenchSocket } from "./clients";
import { createHttpPublisher } from "./http-publisher";
import { memoryAfterGc, warmUp } from "./memory";
import { rssBytes, sleep } from "./probe";
import { FrameRouter } from "./recorder";
import { describeStep, runCeiling, runStep, type TrafficContext } from "./traffic";
import type { SessionPlan, SessionResult } from "./types";

const USER_PREFIX = "u";

async function main(planPath: string, resultPath: string): Promise<void> {
  const plan = JSON.parse(readFileSync(planPath, "utf8")) as SessionPlan;
  const log = (line: string) => process.stderr.write(`  [${plan.target}${plan.sockets ? ` n=${plan.sockets}` : ""}] ${line}\n`);
  const result: SessionResult = { target: plan.target, sockets: plan.sockets, steps: [], errors: [] };
  const router = new FrameRouter();
  const http = createHttpPublisher(plan.baseUrl, plan.publishSecret, plan.httpConnections);
  try {
    await warmUp(plan, http, router);
    if (plan.sockets > 0) {
      const held = await holdSocketsAndPublish(plan, result, { plan, http, router, userPrefix: USER_PREFIX, userCount: plan.sockets }, log);
      // Churn measures a registry that must drain to zero: the idle sockets go first.
      if (plan.churn) await closeAll(held);
    }
    if (plan.churn) result.churn = await runChurn(plan, plan.churn, http, router, log);
  } catch (error) {
    result.errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    log(`failed: ${result.errors.at(-1)}`);
  }
  if (router.strays > 0) result.errors.push(`${router.strays} alert frames arrived outside their step`);
  writeFileSync(resultPath, JSON.stringify(result, null, 1));
}

/** Returns the idle sockets, still open. */
async function holdSocketsAndPublish(plan: SessionPlan, result: SessionResult, context: TrafficContext, log: (line: string) => void): Promise<BenchSocket[]> {
  const { http } = context;
  const baseline = await memoryAfterGc(http, plan.serverPid);

  const users = Array.from({ length: plan.sockets }, (_, i) => `${USER_PREFIX}${i}`);
  const tokens = await mintTokens(plan.authSecret, users);
  const connected = await connectMany(plan.client, plan.baseUrl, tokens, context.router.onAlert, { concurrency: plan.connectConcurrency });
  result.connect = {
    opened: connected.sockets.length,
    failed: connected.failed,
    ms: connected.ms,
    perSecond: (connected.sockets.length / connected.ms) * 1000,
    firstError: connected.firstError,
  };
  log(`connected ${connected.sockets.length}/${plan.sockets} in ${(connected.ms / 1000).toFixed(1)} s${connected.firstError ? ` (first error: ${connected.firstError})` : ""}`);

  await sleep(1000);
  const idleRssNoGcBytes = rssBytes(plan.serverPid);
  const idle = await memoryAfterGc(http, plan.serverPid);
  result.memory = { gcExposed: idle.gcExposed, baseline, idle, idleRssNoGcBytes };
  log(`RSS per idle socket: ${((idle.rssBytes - baseline.rssBytes) / plan.sockets / 1024).toFixed(1)} KB after GC`);

  for (const spec of plan.steps) {
    for (let k = 0; k < (spec.repeats ?? 1); k++) {
      if (Date.now() > plan.deadlineAt) {
        result.errors.push(`deadline reached before ${spec.name}`);
        return connected.sockets;
      }
      await sleep(plan.settleMs);
      const step = await runStep(spec, `${spec.name}-${k}`, context);
      result.steps.push(step);
      log(describeStep(step));
    }
  }
  if (plan.ceiling) result.ceiling = await runCeiling(plan.ceiling, context, log);
  return connected.sockets;
}

const [planPath, resultPath] = process.argv.slice(2);
if (!planPath || !resultPath) {
  process.stderr.write("usage: tsx bench/load/generator.ts <plan.json> <result.json>\n");
  process.exit(2);
}
main(planPath, resultPath).then(
  // Exit explicitly: open sockets and the HTTP pool would keep the process alive.
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
