/**
 * Deletes alerts older than the retention period, read or unread: an alert nobody opened in
 * RETENTION_DAYS is not going to be, and keeping it forever would grow the store without
 * bound. Runs once at start-up and then hourly; a failed prune is logged and retried next time.
 */
import type { AlertStore } from "./types";

const DAY_MS = 86_400_000;
const BATCH = 1000;

export interface RetentionOptions {
  retentionDays: number;
  intervalMs?: number;
  now?: () => number;
  onPruned?: (count: number) => void;
  onError?: (error: unknown) => void;
}

export function startRetention(store: AlertStore, options: RetentionOptions): () => void {
  const now = options.now ?? Date.now;
  async function pruneOnce(): Promise<void> {
    try {
      const cutoff = new Date(now() - options.retentionDays * DAY_MS);
      let pruned = 0;
      for (;;) {
        const batch = await store.prune(cutoff, BATCH);
        pruned += batch;
        if (batch < BATCH) break;
        // Between batches, let deliveries and requests run.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (pruned > 0) options.onPruned?.(pruned);
    } catch (error) {
      options.onError?.(error);
    }
  }
  void pruneOnce();
  const timer = setInterval(pruneOnce, options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
