import { describe, expect, it } from "vitest";
import { fitLine } from "../../../bench/lib/line-fit";

describe("a least-squares line", () => {
  it("points on a line give that line back, with no spread", () => {
    const fit = fitLine([0, 1, 2, 3, 4].map((x) => ({ x, y: 7 + 3 * x })));
    expect(fit.slope).toBeCloseTo(3, 10);
    expect(fit.intercept).toBeCloseTo(7, 10);
    expect(fit.slopeStdError).toBeCloseTo(0, 10);
    expect(fit.maxResidual).toBeCloseTo(0, 10);
  });

  it("scattered points give the slope through their middle and say how far they scatter", () => {
    // y = x, then ±1 alternately: the swings carry no slope of their own.
    const fit = fitLine([1, -1, -1, 1].map((swing, x) => ({ x, y: x + swing })));
    expect(fit.slope).toBeCloseTo(1, 10);
    expect(fit.maxResidual).toBeCloseTo(1, 10);
    expect(fit.slopeStdError).toBeCloseTo(Math.sqrt(4 / 2 / 5), 10);
  });

  it("two points fit exactly, so their slope has no error estimate; one x has no slope at all", () => {
    expect(fitLine([{ x: 0, y: 1 }, { x: 2, y: 5 }])).toMatchObject({ slope: 2, slopeStdError: Number.NaN });
    expect(fitLine([{ x: 1, y: 1 }, { x: 1, y: 2 }]).slope).toBeNaN();
  });
});
