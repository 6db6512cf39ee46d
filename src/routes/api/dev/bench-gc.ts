import type { APIEvent } from "@solidjs/start/server";
import { requireBench } from "~/server/bench/guard";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/**
 * Bench-only (BENCH_ENABLED=true): forces a full GC when the server runs with
 * `--expose-gc`, then reports memory, so RSS per socket is measured without garbage.
 */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requireBench(event.request, runtime);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  return json(200, {
    gcExposed: gc !== undefined,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    sockets: runtime.registry.size,
    usersOnline: runtime.registry.userCount,
  });
});
