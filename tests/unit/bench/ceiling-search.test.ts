import { describe, expect, it } from "vitest";
import { searchCeiling } from "../../../bench/load/ceiling-search";

/** A server that keeps p99 under the limit up to `limit` alerts/s; records the rates tried. */
function serverUpTo(limit: number) {
  const tried: number[] = [];
  const attempt = async (rate: number) => {
    tried.push(rate);
    return rate <= limit ? undefined : `p99 over the limit at ${rate}`;
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
