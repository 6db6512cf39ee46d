import { describe, expect, it } from "vitest";
import type { SessionResult, StepResult } from "../../../bench/load/types";
import { Results } from "../../../bench/report/aggregate";
import { mainThreadCostNotes } from "../../../bench/report/details";

/** A ceiling step whose main thread used `base`% plus `usPerAlert` µs for each alert/s. */
function step(rate: number, base: number, usPerAlert: number): StepResult {
  return {
    name: `ceiling-${rate}`,
    path: "http",
    mode: "paced",
    rate,
    achievedRate: rate,
    serverMainThreadCpuPct: base + (rate * usPerAlert) / 10_000,
  } as StepResult;
}

function session(target: SessionResult["target"], highestPassing: number, steps: StepResult[]): SessionResult {
  return { target, sockets: 10_000, steps: [], ceiling: { highestPassing, steps }, errors: [] } as unknown as SessionResult;
}

describe("the main thread's cost per added alert", () => {
  it("is the slope over the passing ceiling steps of every run, the failing ones left out", () => {
    const results = new Results([
      // The failing step (a saturated main thread) would flatten the line if it counted.
      session("beacon", 3000, [step(1000, 30, 150), step(2000, 30, 150), step(3000, 30, 150), { ...step(4000, 30, 150), serverMainThreadCpuPct: 88 }]),
      session("beacon", 2000, [step(1000, 30, 150), step(2000, 30, 150), { ...step(3000, 30, 150), serverMainThreadCpuPct: 70 }]),
    ]);
    const cost = results.mainThreadCost("beacon", 10_000);
    expect(cost.usPerAlert).toBeCloseTo(150);
    expect(cost.percentAtZero).toBeCloseTo(30);
    expect(cost.steps).toBe(5);
  });

  it("says where the line meets a full core, and nothing for a server with no usable steps", () => {
    const results = new Results([session("ws", 7000, [step(1000, 15, 70), step(4000, 15, 70), step(7000, 15, 70)]), session("socketio", 0, [])]);
    expect(mainThreadCostNotes(results, ["ws", "socketio"], 10_000)).toEqual([
      "- raw ws: 70 µs per added alert/s and 15.0% of a core at 0/s, over 3 steps; the line reaches a full core at 12,143/s",
    ]);
  });
});
