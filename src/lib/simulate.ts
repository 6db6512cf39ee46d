/** Browser helper for the dev simulator: POST /api/dev/simulate pushes sample events through the real service pipelines. */
import type { Service } from "~/shared/alert";
import { postJson, UNREACHABLE_MESSAGE } from "./post-json";

export type SimulateResult = { ok: true; count: number } | { ok: false; message: string };

/**
 * One sample event through `service`'s pipeline, or through all five when omitted.
 *
 * @example
 * const result = await simulate("darkwatch");
 */
export async function simulate(service?: Service): Promise<SimulateResult> {
  const response = await postJson("/api/dev/simulate", service ? { service } : {});
  if (!response) return { ok: false, message: UNREACHABLE_MESSAGE };
  if (response.status === 404) return { ok: false, message: "The simulator is turned off on this server." };
  if (response.status === 401) return { ok: false, message: "Your session has ended. Sign in again." };
  if (!response.ok) return { ok: false, message: "The simulation failed. Try again in a moment." };
  const body = (await response.json().catch(() => ({}))) as { alerts?: unknown[] };
  return { ok: true, count: Array.isArray(body.alerts) ? body.alerts.length : 0 };
}
