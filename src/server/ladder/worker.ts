/**
 * Runs due escalations. Each server runs one: it polls the store every `pollMs` (so a restart,
 * or another server's escalations, are picked up) and is woken early for the ones this server
 * just scheduled (so a 10 s ack window ends after 10 s, not up to a poll later). Work is claimed
 * with a lease in the store, so several servers polling together never run one step twice.
 */
import type { ClaimedEscalation, EscalationStore } from "./escalation-store";

const WAKE_GRAIN_MS = 50;
/** Longest wait between claims while the store keeps failing. */
const MAX_BACKOFF_MS = 30_000;

export interface LadderWorkerOptions {
  escalations: Pick<EscalationStore, "claimDue">;
  run(claim: ClaimedEscalation): Promise<void>;
  pollMs: number;
  /** How long a claim holds; must outlast the slowest step (a provider's timeout) by a margin. */
  leaseMs: number;
  /** Escalations claimed per round. */
  batchSize?: number;
  onError(error: unknown): void;
  now?: () => number;
}

export interface LadderWorker {
  start(): void;
  /** Something becomes due at `at` (ms epoch; default now): look then rather than at the next poll. */
  wake(at?: number): void;
  /** Stops polling and waits (at most `timeoutMs`) for steps in progress. */
  stop(timeoutMs?: number): Promise<void>;
}

export function createLadderWorker(options: LadderWorkerOptions): LadderWorker {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 50;
  let running = false;
  // Claims that failed in a row (the store is down): poll less often until it answers again.
  let failures = 0;
  let ticking = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  const inProgress = new Set<Promise<void>>();
  // Due times this server was asked to look at, so a round that runs just before one of them
  // does not swallow it. Rounded up to WAKE_GRAIN_MS, so a burst of alerts shares one entry.
  const wakeTimes = new Set<number>();

  function schedule(at: number): void {
    if (!running) return;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      void tick();
    }, Math.max(0, at - now()));
    timer.unref?.();
  }

  async function tick(): Promise<void> {
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let full = false;
    const claimedAt = now();
    try {
      const claims = await options.escalations.claimDue(claimedAt, options.leaseMs, batchSize);
      failures = 0;
      full = claims.length === batchSize;
      await Promise.all(claims.map((claim) => track(claim)));
    } catch (error) {
      failures++;
      options.onError(error);
    } finally {
      ticking = false;
    }
    const backoff = failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, options.pollMs * 2 ** Math.min(failures, 10));
    let next = now() + Math.max(options.pollMs, backoff);
    for (const at of wakeTimes) {
      if (at <= claimedAt) wakeTimes.delete(at);
      else next = Math.min(next, at);
    }
    if (full || again) {
      again = false;
      next = now();
    }
    schedule(next);
  }

  function track(claim: ClaimedEscalation): Promise<void> {
    const work = options.run(claim).catch((error) => options.onError(error));
    inProgress.add(work);
    void work.finally(() => inProgress.delete(work));
    return work;
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(now());
    },
    wake(at = now()) {
      const rounded = Math.ceil(at / WAKE_GRAIN_MS) * WAKE_GRAIN_MS;
      if (rounded > now()) wakeTimes.add(rounded);
      schedule(rounded);
    },
    async stop(timeoutMs = 5000) {
      running = false;
      wakeTimes.clear();
      if (timer) clearTimeout(timer);
      timer = null;
      const settled = Promise.allSettled([...inProgress]);
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
    },
  };
}
