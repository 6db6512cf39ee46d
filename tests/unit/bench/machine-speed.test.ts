import { describe, expect, it } from "vitest";
import { measureMachineSpeed } from "../../../bench/lib/machine-speed";

describe("machine speed", () => {
  it("times the reference workload as a finite, positive µs per op, the same order of magnitude twice in a row", () => {
    const first = measureMachineSpeed();
    const second = measureMachineSpeed();
    for (const speed of [first, second]) {
      expect(Number.isFinite(speed)).toBe(true);
      expect(speed).toBeGreaterThan(0);
    }
    // A median of six rounds: a busy neighbour moves it, but not tenfold between two calls.
    expect(Math.max(first, second) / Math.min(first, second)).toBeLessThan(10);
  });
});
