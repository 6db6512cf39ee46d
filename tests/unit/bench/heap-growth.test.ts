import { describe, expect, it } from "vitest";
import { heapGrowth, twoSampleLeak } from "../../../bench/report/heap-growth";
import type { ChurnResult, ChurnSample } from "../../../bench/load/types";

const MB = 2 ** 20;
const FULL_CYCLES = 10_000;

/**
 * Swings of ±0.6 MB, the size measured between after-GC samples, in a pattern that has no
 * slope of its own over the run or over its second half. A line fit is linear, so swings
 * add their own slope to the heap's: these let the first tests check the rule itself, and
 * the last ones measure how often swings that do lean one way fool it.
 */
const TRENDLESS_SWINGS_MB = [0.6, -0.6, 0.2, 0.2, -0.6, 0.6, -0.6, 0.2, 0.2, -0.6, 0.6];

/** 11 samples, every 1,000 cycles (a full run takes 51, every 200), of a heap that grows as `growth` says. */
function run(growth: (cycles: number) => number, swingsMB: readonly number[] = TRENDLESS_SWINGS_MB, cycles = FULL_CYCLES): ChurnSample[] {
  return swingsMB.map((swing, i) => {
    const at = (i * cycles) / (swingsMB.length - 1);
    return { cycles: at, heapUsedBytes: 40 * MB + growth(at) + swing * MB, rssBytes: 120 * MB };
  });
}

const flat = () => 0;
const leaking = (bytesPerCycle: number, from = 0) => (cycles: number) => bytesPerCycle * Math.max(0, cycles - from);
const stepAt = (cycles: number, bytes: number) => (at: number) => (at >= cycles ? bytes : 0);

describe("churn's heap check tells a leak from swings", () => {
  it("a flat run with ±0.6 MB swings is not a leak", () => {
    const growth = heapGrowth(run(flat));
    expect(growth.leak).toBe(false);
    expect(growth.slope).toBeCloseTo(0, 6);
    // The spread it reports is the swings'.
    expect(growth.maxResidual / MB).toBeCloseTo(0.6, 1);
  });

  it("a last sample 0.7 MB up, which failed the old after − middle rule, is not a leak", () => {
    const samples = run(flat, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7]);
    expect(heapGrowth(samples).leak).toBe(false);
    expect(twoSampleLeak(asChurn(samples))).toBe(true);
  });

  it("a steady leak of 100 B per cycle, with the same swings, is caught: +1 MB over 10,000 cycles", () => {
    const growth = heapGrowth(run(leaking(100)));
    expect(growth.leak).toBe(true);
    expect(growth.slope).toBeCloseTo(100, 6);
    expect(growth.growth).toBeCloseTo(FULL_CYCLES * 100, 0);
  });

  it("a one-time step of 0.6 MB anywhere in the first half is not a leak", () => {
    for (const cycles of [1000, 2000, 3000, 4000, 5000]) {
      const growth = heapGrowth(run(stepAt(cycles, 0.6 * MB)));
      // The step alone fits as a slope through the whole run: the second half is what tells.
      expect(growth.slope).toBeGreaterThan(25);
      expect(growth.leak, `step at ${cycles} cycles`).toBe(false);
    }
  });

  it("a steady leak that starts halfway is caught once it adds up to the same +1 MB by the end", () => {
    const growth = heapGrowth(run(leaking(200, 5000)));
    expect(growth.leak).toBe(true);
    expect(growth.secondHalfSlope).toBeCloseTo(200, 6);
  });

  it("a short run (--quick, 1,000 cycles) only calls a leak what rises above the swings", () => {
    expect(heapGrowth(run(leaking(100), undefined, 1000)).leak).toBe(false);
    expect(heapGrowth(run(leaking(1000), undefined, 1000)).leak).toBe(true);
    expect(heapGrowth(run(flat, undefined, 1000)).threshold).toBeCloseTo((512 * 1024) / 1000, 6);
  });
});

describe("how often swings that lean one way fool it", () => {
  // Independent swings of up to ±0.6 MB on every sample, from a fixed seed: the rates the
  // rule's comment in bench/report/heap-growth.ts states, and the old rule's beside them.
  const TRIALS = 4000;
  const rate = (growth: (cycles: number) => number, judge: (samples: ChurnSample[]) => boolean, samples = 11) => {
    const random = seeded(6);
    let hits = 0;
    for (let t = 0; t < TRIALS; t++) {
      const swings = Array.from({ length: samples }, () => (random() * 2 - 1) * 0.6);
      if (judge(run(growth, swings))) hits++;
    }
    return hits / TRIALS;
  };
  const fitted = (samples: ChurnSample[]) => heapGrowth(samples).leak;
  const twoSamples = (samples: ChurnSample[]) => twoSampleLeak(asChurn(samples));

  it("with 11 samples a flat run is called a leak about 1 time in 25, where after − middle said so 1 time in 6", () => {
    expect(rate(flat, fitted)).toBeLessThan(0.06);
    expect(rate(flat, twoSamples)).toBeGreaterThan(0.14);
  });

  it("with 11 samples a steady 100 B/cycle leak is caught about 2 times in 3, where after − middle caught half", () => {
    expect(rate(leaking(100), fitted)).toBeGreaterThan(0.6);
    expect(rate(leaking(100), twoSamples)).toBeLessThan(0.55);
    expect(rate(leaking(150), fitted)).toBeGreaterThan(0.8);
  });

  it("with a full run's 51 samples: flat about 1 time in 2,000, 100 B/cycle about 5 times in 6, a step at 3,000 cycles 1 in 7", () => {
    expect(rate(flat, fitted, 51)).toBeLessThan(0.005);
    expect(rate(leaking(100), fitted, 51)).toBeGreaterThan(0.8);
    expect(rate(leaking(150), fitted, 51)).toBeGreaterThan(0.95);
    expect(rate(stepAt(3000, 0.6 * MB), fitted, 51)).toBeLessThan(0.18);
  });
});

function asChurn(samples: ChurnSample[]): ChurnResult {
  const middle = samples[Math.floor(samples.length / 2)];
  return { cycles: samples.at(-1)!.cycles, failed: 0, ms: 1, before: samples[0], middle, after: samples.at(-1)!, samples, socketsAfter: 0, usersAfter: 0 };
}

/** mulberry32: a small seeded generator, so the rates are the same on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
