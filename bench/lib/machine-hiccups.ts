/**
 * How much of its time a running thread is stopped: a loop reads the clock as fast as it can,
 * and every gap of at least HICCUP_MS between two reads is time the thread did not run (the
 * host ran something else, or this VM was descheduled). The reference op (machine-speed.ts)
 * takes a median, which hides such pauses; the servers' tail latencies do not. On 2026-11-30
 * a machine with a middling reference op gave every server p99s five or more times longer than
 * another machine of about the same speed had earlier that day; this figure is meant to tell
 * such machines apart.
 */

/** A pause shorter than this is the loop's own noise (a timer tick, a cache miss), not a stop. */
export const HICCUP_MS = 1;

export interface Hiccups {
  /** Milliseconds per second of wall time spent in pauses of HICCUP_MS or more. */
  lostMsPerSecond: number;
  longestMs: number;
  count: number;
}

/** Counts pauses of HICCUP_MS or more between successive clock readings, in ms; fed by the loop, tested alone. */
export function createPauseCounter() {
  let first: number | null = null;
  let last = 0;
  let lost = 0;
  let longest = 0;
  let count = 0;
  const elapsedMs = () => (first === null ? 0 : last - first);
  return {
    observe(now: number): void {
      // The first reading starts the clock; it is not a pause since time zero.
      if (first === null) first = last = now;
      const gap = now - last;
      if (gap >= HICCUP_MS) {
        lost += gap;
        count++;
        longest = Math.max(longest, gap);
      }
      last = now;
    },
    elapsedMs,
    result(): Hiccups {
      const seconds = elapsedMs() / 1000;
      return { lostMsPerSecond: seconds > 0 ? lost / seconds : 0, longestMs: longest, count };
    },
  };
}

/** Spins for `durationMs` (default 2 s) reading the clock; nothing else should run meanwhile. */
export function measureHiccups(durationMs = 2000): Hiccups {
  const counter = createPauseCounter();
  do counter.observe(performance.now());
  while (counter.elapsedMs() < durationMs);
  return counter.result();
}

export function describeHiccups(hiccups: Hiccups): string {
  return `${hiccups.lostMsPerSecond.toFixed(1)} ms per second lost in ${hiccups.count} pause(s) of ${HICCUP_MS} ms or more, the longest ${hiccups.longestMs.toFixed(1)} ms`;
}
