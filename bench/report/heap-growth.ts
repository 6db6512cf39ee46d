/**
 * Whether the churn phase leaked: a straight line fitted through the server's heap after
 * forced GC, sampled every 200 cycles of a full run, and the rule that reads it.
 *
 * Why a line and not two differences: heap after GC swings by about ±0.6 MB between samples
 * for reasons that do not grow with the cycles (V8's WeakMap backing tables doubling —
 * crossws compiles each Peer's private fields to WeakMaps —, the number-string cache,
 * compiled code appearing and being flushed). One difference of two samples moves by as
 * much as a real 100 B/cycle leak adds over 5,000 cycles, so "after − middle" failed on noise.
 * A leak held per connection is linear in the cycles, and a line through 51 samples averages
 * the swings: with independent ±0.6 MB swings its slope is good to about ±17 B/cycle over
 * 10,000 cycles (±35 with 11 samples), where after − middle was good to about ±100 B/cycle.
 *
 * Sampled every 200 cycles (full run of 2026-11-30 08:35), the heap turned out smoother than
 * "swings" suggests: it rises about 0.5 MB over the first few thousand cycles and levels off
 * (Beacon: whole run +51 ± 5 B/cycle, second half +18; the peers the same shape, smaller),
 * and a 50,000-cycle run added 0.25 MB in all. One-time growth that levels off is what the
 * second half's slope below tells from a leak.
 */
import { fitLine } from "../lib/line-fit";
import type { ChurnResult, ChurnSample } from "../load/types";

/** Half the smallest leak the check must catch: 100 B per connect/disconnect cycle (+1 MB over 10,000). */
export const LEAK_SLOPE_BYTES = 50;
/** Growth the swings alone can fake over a run, however short: a line must rise more than this. */
export const NOISE_BYTES = 512 * 1024;

export interface HeapGrowth {
  samples: number;
  cycles: number;
  /** Fitted heap growth per cycle through every sample, bytes. */
  slope: number;
  /** Standard error of `slope`: how sure the fit is, if the swings are independent. */
  slopeStdError: number;
  /** slope × cycles: what the line says the run added. */
  growth: number;
  /** Largest distance of a sample from the line, bytes. */
  maxResidual: number;
  /** Fitted slope through the samples from halfway on. */
  secondHalfSlope: number;
  /** Both slopes above this, in bytes per cycle, is a leak. */
  threshold: number;
  leak: boolean;
}

/**
 * The rule: a leak when the slope through every sample AND the slope through the second
 * half's samples both exceed max(50 B/cycle, 512 KB ÷ cycles).
 *
 * - 50 B/cycle is halfway between no leak and the smallest leak to catch, 100 B/cycle.
 * - 512 KB ÷ cycles keeps a short run (--quick: 1,000 cycles, where 50 B/cycle is 0.05 MB)
 *   from calling a swing a leak; it only catches what rises above the swings. At 10,000
 *   cycles it is 52 B/cycle.
 * - The second half: a one-time step fits as a slope through the whole run (0.6 MB in the
 *   middle reads as 86 B/cycle) but leaves the later samples flat, while a leak keeps
 *   growing. So a step in the first half passes, and a leak that starts halfway is caught
 *   when it leaks over about 105 B/cycle (its whole-run slope is half its rate). The price:
 *   a one-time step in the second half looks like a leak that started there.
 *
 * How sure it is, with independent swings of up to ±0.6 MB on every one of a full run's 51
 * samples (simulated in tests/unit/bench/heap-growth.test.ts; the old rule in brackets): a
 * flat run is called a leak 1 time in 2,000 (1 in 6), a steady 100 B/cycle leak is caught
 * 5 times in 6 (1 in 2), 150 B/cycle 49 in 50 (2 in 3), and a 0.6 MB step at 3,000 cycles is
 * still called a leak 1 time in 7. With 11 samples the same rule gave 1 in 25, 2 in 3, 6 in 7
 * and 1 in 4: the samples (half a second of forced GC each) are what sharpen it.
 */
export function heapGrowth(samples: readonly ChurnSample[]): HeapGrowth {
  const cycles = samples.at(-1)?.cycles ?? 0;
  const points = samples.map((s) => ({ x: s.cycles, y: s.heapUsedBytes }));
  const whole = fitLine(points);
  const secondHalf = fitLine(points.filter((p) => p.x >= cycles / 2));
  const threshold = Math.max(LEAK_SLOPE_BYTES, NOISE_BYTES / cycles);
  return {
    samples: samples.length,
    cycles,
    slope: whole.slope,
    slopeStdError: whole.slopeStdError,
    growth: whole.slope * cycles,
    maxResidual: whole.maxResidual,
    secondHalfSlope: secondHalf.slope,
    threshold,
    // NaN (too few samples) compares false: no verdict of leak without a line to show it.
    leak: whole.slope > threshold && secondHalf.slope > threshold,
  };
}

/** Enough samples to fit a line: results written before churn kept samples have none. */
export function hasGrowthSamples(churn: ChurnResult): churn is ChurnResult & { samples: ChurnSample[] } {
  return (churn.samples?.length ?? 0) >= 3;
}

/** The rule before samples were kept, for those results: the second half grew by more than 512 KB or 100 B/cycle. */
export function twoSampleLeak(churn: ChurnResult): boolean {
  const secondHalf = churn.after.heapUsedBytes - churn.middle.heapUsedBytes;
  return secondHalf >= Math.max(NOISE_BYTES, (churn.cycles / 2) * 100);
}
