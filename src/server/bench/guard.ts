/**
 * The bench-only routes exist only when BENCH_ENABLED is set (404 otherwise, before any
 * other check, so a normal deployment does not even reveal them) and take the publish secret.
 */
import { createError } from "../errors";
import { requirePublishSecret } from "../http/publish-auth";
import type { BeaconRuntime } from "../runtime";

export function requireBench(request: Request, runtime: BeaconRuntime): void {
  if (!runtime.config.benchEnabled) throw createError(404, "not_found", "not found");
  requirePublishSecret(request, runtime.config.publishSecret);
}
