import type { APIEvent } from "@solidjs/start/server";
import { z } from "zod";
import { SERVICES, ServiceSchema } from "~/shared/alert";
import { createError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";
import { toAcceptedBody } from "~/server/services/delivery-summary";
import { PIPELINES } from "~/server/services/pipelines";
import { runPipeline } from "~/server/services/pipelines/pipeline";

const SimulateSchema = z.strictObject({ service: ServiceSchema.optional() });

/**
 * Dev-only: fire a sample event through each service pipeline for the signed-in user, so
 * a person can watch the whole flow. Off in production unless ENABLE_SIMULATOR=true.
 */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  if (!runtime.config.simulatorEnabled) throw createError(404, "feature_disabled", "the simulator is disabled");
  const { user } = await requireSession(event.request, runtime);
  const { service } = await readJson(event.request, SimulateSchema, 1024);
  const reports = [];
  for (const name of service ? [service] : SERVICES) {
    const pipeline = PIPELINES[name];
    const result = await runPipeline(pipeline, pipeline.sampleEvent(user.id), runtime.publisher);
    if (result.published) reports.push(result.report);
  }
  return json(202, toAcceptedBody(reports));
});
