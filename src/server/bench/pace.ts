/**
 * Sends `count` items at `rate` per second, spread evenly: every millisecond or so it sends
 * whatever is due by now. Shared by Beacon's bench trigger, the reference peers and the
 * load generator so every publish path is paced the same way. Bounded by `maxMs`.
 */

export interface PaceOptions {
  /** Items per second; `Infinity` sends all of them at once (a burst). */
  rate: number;
  count: number;
  /** Stop after this long even if not everything was sent. */
  maxMs: number;
  /** Back-pressure: when false, nothing more is sent this tick and the pace falls behind. */
  canSend?: () => boolean;
}

export interface PaceResult {
  sent: number;
  elapsedMs: number;
}

export async function pace(options: PaceOptions, send: (index: number) => void): Promise<PaceResult> {
  const { rate, count, maxMs, canSend = () => true } = options;
  const start = performance.now();
  let sent = 0;
  for (;;) {
    const elapsed = performance.now() - start;
    const due = rate === Infinity ? count : Math.min(count, Math.floor((elapsed / 1000) * rate) + 1);
    while (sent < due && canSend()) send(sent++);
    if (sent >= count || elapsed >= maxMs) break;
    // A timer, not setImmediate: the loop must leave the event loop free for I/O.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { sent, elapsedMs: performance.now() - start };
}
