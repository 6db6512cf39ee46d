import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF_MS } from "~/lib/backoff";

const noJitter = () => 0.5;

describe("reconnect backoff", () => {
  it("waits 1 s, 2 s, 5 s, 10 s, then 30 s for every later attempt", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 10].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF_MS, 0.2, noJitter));
    expect(delays).toEqual([1000, 2000, 5000, 10_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it("spreads each delay by at most ±20% so tabs do not reconnect in lockstep", () => {
    for (const [attempt, base] of [[1, 1000], [3, 5000], [8, 30_000]] as const) {
      expect(backoffDelay(attempt, DEFAULT_BACKOFF_MS, 0.2, () => 0)).toBe(base * 0.8);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF_MS, 0.2, () => 0.999_999)).toBeLessThanOrEqual(base * 1.2);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF_MS, 0.2, () => 0.999_999)).toBeGreaterThan(base * 1.19);
    }
  });

  it("stays within bounds for any random value", () => {
    for (let i = 0; i <= 100; i++) {
      const delay = backoffDelay(2, DEFAULT_BACKOFF_MS, 0.2, () => i / 100);
      expect(delay).toBeGreaterThanOrEqual(1600);
      expect(delay).toBeLessThanOrEqual(2400);
    }
  });

  it("follows a custom schedule and never goes negative", () => {
    expect(backoffDelay(1, [50, 100], 0, Math.random)).toBe(50);
    expect(backoffDelay(5, [50, 100], 0, Math.random)).toBe(100);
    expect(backoffDelay(1, [100], 3, () => 0)).toBe(0);
  });

  it("falls back to the default schedule when given an empty one", () => {
    expect(backoffDelay(1, [], 0, Math.random)).toBe(1000);
  });
});
