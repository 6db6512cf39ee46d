import { describe, expect, it } from "vitest";
import { createPauseCounter, describeHiccups, measureHiccups } from "../../../bench/lib/machine-hiccups";

/** Feeds a counter clock readings every `step` ms from 0 to `end`, with the given pauses added. */
function readings(step: number, end: number, pauses: Array<{ at: number; ms: number }> = []) {
  const counter = createPauseCounter();
  let shift = 0;
  for (let t = 0; t <= end; t += step) {
    for (const pause of pauses) if (pause.at === t) shift += pause.ms;
    counter.observe(t + shift);
  }
  return counter.result();
}

describe("machine hiccups", () => {
  it("a thread that was never stopped lost nothing: gaps under the threshold are the loop's own", () => {
    expect(readings(0.01, 1000)).toEqual({ lostMsPerSecond: 0, longestMs: 0, count: 0 });
  });

  it("adds up each pause at or above the threshold, per second of wall time, and keeps the longest", () => {
    // 1 s of readings every 0.5 ms, stopped for 10 ms and for 30 ms: 1.04 s of wall time.
    const hiccups = readings(0.5, 1000, [
      { at: 200, ms: 10 },
      { at: 600, ms: 30 },
    ]);
    expect(hiccups.count).toBe(2);
    // Each pause counts whole, with the 0.5 ms step it interrupted.
    expect(hiccups.longestMs).toBeCloseTo(30.5, 6);
    expect(hiccups.lostMsPerSecond).toBeCloseTo((10.5 + 30.5) / 1.04, 6);
    expect(describeHiccups(hiccups)).toBe("39.4 ms per second lost in 2 pause(s) of 1 ms or more, the longest 30.5 ms");
  });

  it("the first reading starts the clock rather than counting as a pause since zero", () => {
    const counter = createPauseCounter();
    counter.observe(5_000);
    counter.observe(5_000.1);
    expect(counter.result().count).toBe(0);
  });

  it("measures the real clock for about the time asked, with finite figures", () => {
    const started = performance.now();
    const hiccups = measureHiccups(50);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(Number.isFinite(hiccups.lostMsPerSecond)).toBe(true);
    expect(hiccups.lostMsPerSecond).toBeGreaterThanOrEqual(0);
    expect(hiccups.longestMs).toBeGreaterThanOrEqual(hiccups.count > 0 ? 1 : 0);
  });
});
