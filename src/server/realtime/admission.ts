/**
 * Storm control for new sockets: each server admits at most `perSecond` upgrades per second
 * (a token bucket holding one second's worth, so a quiet server takes a burst of that size at
 * once). An upgrade over the limit is refused before any token check or store read, with a
 * Retry-After that works like a ticket in a queue: the refused clients of one storm are given
 * successive seconds, so they come back spread out instead of all together again.
 */
export type AdmissionDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AdmissionGate {
  admit(): AdmissionDecision;
  /** Upgrades admitted and refused since start (metrics, the storm test's report). */
  readonly admitted: number;
  readonly refused: number;
}

/** Longest wait ever advised: past it, a client would rather hit another server. */
const MAX_RETRY_AFTER_SECONDS = 30;

export function createAdmissionGate(perSecond: number, now: () => number = Date.now): AdmissionGate {
  let tokens = perSecond;
  let refilledAt = now();
  // Where the virtual queue of refused clients ends (ms epoch): the next one's slot is after it.
  let queueEndsAt = 0;
  let admitted = 0;
  let refused = 0;
  const slotMs = 1000 / perSecond;

  return {
    admit() {
      const at = now();
      tokens = Math.min(perSecond, tokens + ((at - refilledAt) * perSecond) / 1000);
      refilledAt = at;
      if (tokens >= 1) {
        tokens -= 1;
        admitted++;
        return { ok: true };
      }
      refused++;
      // Slots are handed out at the admission rate; a client comes back in its slot's second (plus its own jitter).
      queueEndsAt = Math.max(queueEndsAt, at) + slotMs;
      const retryAfterSeconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((queueEndsAt - at) / 1000)));
      return { ok: false, retryAfterSeconds };
    },
    get admitted() {
      return admitted;
    },
    get refused() {
      return refused;
    },
  };
}
