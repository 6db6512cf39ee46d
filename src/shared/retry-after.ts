/**
 * How long a client waits after a 503 with Retry-After (admission control, a draining
 * server): the server's seconds plus up to one more second of jitter, so the clients it
 * refused within one second do not all return within the same millisecond.
 * @example retryAfterDelayMs("2", Math.random) // 2000..3000
 * @example retryAfterDelayMs(undefined, Math.random) // 1000..2000 (no header: one second)
 */
export function retryAfterDelayMs(header: string | null | undefined, random: () => number): number {
  const seconds = Number.parseInt(header ?? "", 10);
  const base = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 300) : 1;
  return Math.round(base * 1000 + random() * 1000);
}
