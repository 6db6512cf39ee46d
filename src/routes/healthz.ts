import { json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/** Liveness for load balancers and process managers: answers while the process can serve. */
export function GET() {
  const runtime = getRuntime();
  return json(200, { status: "ok", uptimeSeconds: Math.round((Date.now() - runtime.startedAt.getTime()) / 1000) });
}
