import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { measureKernelSpeed } from "../../../bench/lib/kernel-speed";

const probeDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("bench-kernel-speed-"));

describe("kernel speed", () => {
  it("times 4-KB file writes as a finite, positive µs per write, the same order of magnitude twice in a row", () => {
    const first = measureKernelSpeed();
    const second = measureKernelSpeed();
    for (const speed of [first, second]) {
      expect(Number.isFinite(speed)).toBe(true);
      expect(speed).toBeGreaterThan(0);
    }
    expect(Math.max(first, second) / Math.min(first, second)).toBeLessThan(10);
  });

  it("leaves no file behind", () => {
    const before = probeDirs().length;
    measureKernelSpeed();
    expect(probeDirs().length).toBe(before);
  });
});
