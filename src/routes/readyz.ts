import { json } from "~/server/http/responses";
import { checkReadiness } from "~/server/observe/readiness";
import { getRuntime } from "~/server/runtime";

/**
 * Readiness for load balancers: 200 when the store answers a query and the bus is up,
 * 503 naming what is not (take this server out of rotation; /healthz says whether to restart it).
 * A draining server (SIGTERM) is not ready either: it refuses new sockets.
 */
export async function GET() {
  const runtime = getRuntime();
  const readiness = await checkReadiness(runtime.store, runtime.bus);
  const reasons = [readiness.store, readiness.bus].flatMap((check, index) =>
    check.ok ? [] : [`${index === 0 ? "store" : "bus"} (${check.kind}) unreachable: ${check.reason}`],
  );
  if (runtime.lifecycle.draining) reasons.unshift("draining: shutting down");
  const ready = reasons.length === 0;
  return json(ready ? 200 : 503, {
    status: ready ? "ready" : runtime.lifecycle.draining ? "draining" : "unavailable",
    serverId: runtime.config.serverId,
    ...(reasons.length > 0 ? { reasons } : {}),
    store: readiness.store,
    bus: readiness.bus,
  });
}
