import type { APIEvent } from "@solidjs/start/server";
import { requireBearer } from "~/server/http/publish-auth";
import { apiHandler } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/** Prometheus text exposition of this server's metrics; bearer METRICS_TOKEN required when it is set. */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const token = runtime.config.metricsToken;
  if (token) requireBearer(event.request, token, { realm: "beacon-metrics", message: "missing or invalid metrics token" });
  const { contentType, body } = await runtime.observers.metrics.render();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
});
