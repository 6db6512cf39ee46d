import type { APIEvent } from "@solidjs/start/server";
import { z } from "zod";
import { ServiceSchema } from "~/shared/alert";
import { createError } from "~/server/errors";
import { requirePublishSecret } from "~/server/http/publish-auth";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";
import { toAcceptedBody } from "~/server/services/delivery-summary";
import { PIPELINES } from "~/server/services/pipelines";
import { runPipeline } from "~/server/services/pipelines/pipeline";

/** A detection service reports one event; its pipeline's rule decides the alert. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const service = ServiceSchema.safeParse(event.params.service);
  if (!service.success) throw createError(404, "not_found", "unknown service");
  requirePublishSecret(event.request, runtime.config.publishSecret);
  const raw = await readJson(event.request, z.unknown(), runtime.config.maxBodyBytes);
  const result = await runPipeline(PIPELINES[service.data], raw, runtime.publisher);
  return result.published ? json(202, toAcceptedBody([result.report])) : json(200, { alerts: [], reason: result.reason });
});
