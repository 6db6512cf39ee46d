import type { APIEvent } from "@solidjs/start/server";
import { requirePublishSecret } from "~/server/http/publish-auth";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/** Connection figures for operators and tests (publish secret required). */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requirePublishSecret(event.request, runtime.config.publishSecret);
  const memory = process.memoryUsage();
  return json(200, {
    sockets: runtime.registry.size,
    usersOnline: runtime.registry.userCount,
    bus: runtime.bus.kind,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  });
});
