/**
 * How a benchmark alert carries its run tag, its index and the moment it was sent, so the
 * load generator (another process on the same machine) can time it when the frame arrives.
 * `performance.timeOrigin + performance.now()` is wall-clock milliseconds with sub-ms
 * resolution, comparable across processes on one machine.
 */

export interface BenchStamp {
  /** Names one run step, so late frames of an earlier step are never counted in the next. */
  tag: string;
  index: number;
  /** Epoch milliseconds (fractional). */
  sentAt: number;
}

export const BENCH_TAG_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export function benchNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The title and body of a benchmark alert (both pass the alert schema). */
export function stampText(stamp: BenchStamp): { title: string; body: string } {
  return { title: `bench:${stamp.tag}:${stamp.index}`, body: stamp.sentAt.toFixed(3) };
}

/** Reads a stamp back from a received alert; null for anything that is not a benchmark alert. */
export function readStamp(title: string, body: string): BenchStamp | null {
  if (!title.startsWith("bench:")) return null;
  const second = title.indexOf(":", 6);
  if (second < 0) return null;
  const index = Number(title.slice(second + 1));
  const sentAt = Number(body);
  if (!Number.isInteger(index) || !Number.isFinite(sentAt)) return null;
  return { tag: title.slice(6, second), index, sentAt };
}
