import type { APIEvent } from "@solidjs/start/server";
import { requireBench } from "~/server/bench/guard";
import { BenchPlanSchema, runBenchPlan } from "~/server/bench/plan";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/**
 * Bench-only (BENCH_ENABLED=true): runs a publish plan inside the server through
 * `publisher.publishAlert` / `publishToGroup`, so the benchmark can time the in-process
 * path without HTTP per alert. Answers when every publish has settled.
 */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requireBench(event.request, runtime);
  const plan = await readJson(event.request, BenchPlanSchema, 4096);
  return json(200, await runBenchPlan(plan, runtime.publisher));
});
