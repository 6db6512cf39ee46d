import { describe, expect, it } from "vitest";
import { searchCeiling } from "../../../bench/load/ceiling-search";

/** A server that keeps p99 under the limit up to `limit` alerts/s; records the rates tried. */
function serverUpTo(limit: number) {
  const tried: number[] = [];
  const attempt = async (rate: number) => {
    tried.push(rate);
    return rate <= limit ? undefined : { reason: `p99 over the limit at ${rate}`, latencyOnly: true };
  };
  return { tried, attempt };
}

const RATES = [1000, 2000, 3000, 4000, 5000, 6000, 7000];
const never = () => false;

describe("the ceiling search", () => {
  it("without refineBy, answers the last coarse rate that passed", async () => {
    const server = serverUpTo(5700);
    expect(await searchCeiling({ rates: RATES }, server.attempt, never)).toEqual({
      highestPassing: 5000,
      stoppedAt: 6000,
      reason: "p99 over the limit at 6000",
    });
    expect(server.tried).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
  });

  it("tries once between the last pass and the failure, and keeps it when it passes", async () => {
    const server = serverUpTo(5700);
    // Still stopped by the coarse failure: that is the step that ended the search.
    expect(await searchCeiling({ rates: RATES, refineBy: 500 }, server.attempt, never)).toEqual({
      highestPassing: 5500,
      stoppedAt: 6000,
      reason: "p99 over the limit at 6000",
    });
    expect(server.tried).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 5500]);
  });

  it("keeps the coarse answer when the step between fails too, and says that step ended it", async () => {
    const server = serverUpTo(5200);
    expect(await searchCeiling({ rates: RATES, refineBy: 500 }, server.attempt, never)).toEqual({
      highestPassing: 5000,
      stoppedAt: 5500,
      reason: "p99 over the limit at 5500",
    });
  });

  it("refines below the first rate too, and not at all when every rate passes", async () => {
    expect((await searchCeiling({ rates: RATES, refineBy: 500 }, serverUpTo(600).attempt, never)).highestPassing).toBe(500);
    const fast = serverUpTo(50_000);
    expect(await searchCeiling({ rates: RATES, refineBy: 500 }, fast.attempt, never)).toEqual({ highestPassing: 7000 });
    expect(fast.tried).toEqual(RATES);
  });

  it("a step no finer than the gap adds nothing", async () => {
    const server = serverUpTo(5700);
    await searchCeiling({ rates: RATES, refineBy: 1000 }, server.attempt, never);
    expect(server.tried.at(-1)).toBe(6000);
  });

  it("stops at the deadline, before the refinement as well", async () => {
    const server = serverUpTo(5700);
    let calls = 0;
    const expiresAfterSixSteps = () => ++calls > 6;
    expect(await searchCeiling({ rates: RATES, refineBy: 500 }, server.attempt, expiresAfterSixSteps)).toEqual({
      highestPassing: 5000,
      stoppedAt: 6000,
      reason: "p99 over the limit at 6000",
    });
    expect(server.tried).toHaveLength(6);
    expect((await searchCeiling({ rates: RATES }, serverUpTo(5700).attempt, () => true)).reason).toBe("deadline");
  });
});

describe("the ceiling search with retryLatencyFailures", () => {
  const search = { rates: RATES, refineBy: 500, retryLatencyFailures: true };

  it("runs a step that failed on latency once more, and goes on when the second try passes", async () => {
    const server = serverUpTo(5700);
    let stalls = 1;
    const stallOnceAt2000 = async (rate: number) => {
      if (rate === 2000 && stalls-- > 0) {
        server.tried.push(rate);
        return { reason: "p99 180 ms (a stall)", latencyOnly: true };
      }
      return server.attempt(rate);
    };
    expect(await searchCeiling(search, stallOnceAt2000, never)).toEqual({
      highestPassing: 5500,
      stoppedAt: 6000,
      reason: "p99 over the limit at 6000; the first try: p99 over the limit at 6000",
    });
    expect(server.tried).toEqual([1000, 2000, 2000, 3000, 4000, 5000, 6000, 6000, 5500]);
  });

  it("a failure that repeats ends the search, the refinement step getting its second try too", async () => {
    const server = serverUpTo(5200);
    expect(await searchCeiling(search, server.attempt, never)).toMatchObject({ highestPassing: 5000, stoppedAt: 5500 });
    expect(server.tried).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 6000, 5500, 5500]);
  });

  it("never retries loss, errors or a rate not reached", async () => {
    const tried: number[] = [];
    const losesAt3000 = async (rate: number) => {
      tried.push(rate);
      return rate >= 3000 ? { reason: "1 lost, 0 errors", latencyOnly: false } : undefined;
    };
    expect(await searchCeiling(search, losesAt3000, never)).toEqual({ highestPassing: 2500, stoppedAt: 3000, reason: "1 lost, 0 errors" });
    expect(tried).toEqual([1000, 2000, 3000, 2500]);
  });

  it("does not retry past the deadline", async () => {
    const server = serverUpTo(1500);
    let calls = 0;
    const expiresAfterTwoSteps = () => ++calls > 2;
    await searchCeiling(search, server.attempt, expiresAfterTwoSteps);
    expect(server.tried).toEqual([1000, 2000]);
  });
});
