/** Reconnect delays: a fixed schedule whose last step repeats, spread by jitter. */

export const DEFAULT_BACKOFF_MS: readonly number[] = [1000, 2000, 5000, 10_000, 30_000];
export const DEFAULT_JITTER_RATIO = 0.2;

/**
 * The delay before reconnect attempt `attempt` (1-based). Jitter keeps every tab of every user
 * from reconnecting in the same instant after a server restart.
 * @example backoffDelay(1, [1000, 2000], 0.2, Math.random) // somewhere in 800..1200
 * @example backoffDelay(9, [1000, 2000], 0, Math.random) // 2000: the last step repeats
 */
export function backoffDelay(
  attempt: number,
  scheduleMs: readonly number[],
  jitterRatio: number,
  random: () => number,
): number {
  const schedule = scheduleMs.length > 0 ? scheduleMs : DEFAULT_BACKOFF_MS;
  const step = Math.min(Math.max(Math.floor(attempt), 1), schedule.length) - 1;
  const base = schedule[step] ?? 0;
  const spread = base * jitterRatio * (2 * random() - 1);
  return Math.max(0, Math.round(base + spread));
}
