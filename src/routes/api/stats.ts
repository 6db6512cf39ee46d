import type { APIEvent } from "@solidjs/start/server";
import { requirePublishSecret } from "~/server/http/publish-auth";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/**
 * Connection figures for operators and tests (publish secret required). `?reset=loop` starts
 * the event-loop delay histogram over after reading it (the storm test measures one episode).
 */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requirePublishSecret(event.request, runtime.config.publishSecret);
  const memory = process.memoryUsage();
  const eventLoopDelayMs = runtime.loopDelay.read();
  if (new URL(event.request.url).searchParams.get("reset") === "loop") runtime.loopDelay.reset();
  return json(200, {
    serverId: runtime.config.serverId,
    draining: runtime.lifecycle.draining,
    sockets: runtime.registry.size,
    usersOnline: runtime.registry.userCount,
    bus: runtime.bus.kind,
    busStatus: runtime.bus.status(),
    admissions: { perSecond: runtime.config.wsAdmissionsPerSecond, admitted: runtime.admission.admitted, refused: runtime.admission.refused },
    eventLoopDelayMs,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  });
});
