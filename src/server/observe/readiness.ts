/**
 * Readiness for /readyz: can this server do its job right now? The store must answer a
 * real query and the bus must be connected to the other servers (the in-process one always is).
 * Each check has a deadline, so a database that hangs rather than refuses reads as down.
 */
import type { AlertBus } from "../bus/types";
import type { AlertStore } from "../store/types";
import { redactString } from "./redact";

export const READINESS_TIMEOUT_MS = 2000;

export interface CheckResult {
  kind: string;
  ok: boolean;
  /** Why it is not ok; safe to show (credentials scrubbed). */
  reason?: string;
  latencyMs: number;
}

export interface Readiness {
  ready: boolean;
  store: CheckResult;
  bus: CheckResult;
}

export async function checkReadiness(store: AlertStore, bus: AlertBus, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const [storeResult, busResult] = await Promise.all([
    check(store.kind, () => store.ping(), timeoutMs),
    check(bus.kind, async () => busConnected(bus), timeoutMs),
  ]);
  return { ready: storeResult.ok && busResult.ok, store: storeResult, bus: busResult };
}

async function check(kind: string, probe: () => Promise<void>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), deadline]);
    return { kind, ok: true, latencyMs: elapsed(started) };
  } catch (error) {
    const reason = redactString(error instanceof Error ? error.message || error.name : String(error));
    return { kind, ok: false, reason, latencyMs: elapsed(started) };
  } finally {
    clearTimeout(timer);
  }
}

function busConnected(bus: AlertBus): void {
  const status = bus.status();
  if (!status.connected) throw new Error(status.lastError ? `not connected: ${status.lastError}` : "not connected");
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
