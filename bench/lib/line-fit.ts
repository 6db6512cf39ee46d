/** Ordinary least squares of a straight line, with the spread that says how far to trust its slope. */

export interface LineFit {
  /** y at x = 0. */
  intercept: number;
  /** Change in y per unit of x. */
  slope: number;
  /** Standard error of the slope (NaN with fewer than three points: two always fit exactly). */
  slopeStdError: number;
  /** Largest |y − fitted y| over the points. */
  maxResidual: number;
  points: number;
}

/** Fits y = intercept + slope × x; NaN everywhere with fewer than two distinct x values. */
export function fitLine(points: ReadonlyArray<{ x: number; y: number }>): LineFit {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (!(sxx > 0)) return { intercept: Number.NaN, slope: Number.NaN, slopeStdError: Number.NaN, maxResidual: Number.NaN, points: n };

  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residuals = points.map((p) => p.y - (intercept + slope * p.x));
  const squares = residuals.reduce((sum, r) => sum + r * r, 0);
  return {
    intercept,
    slope,
    slopeStdError: n > 2 ? Math.sqrt(squares / (n - 2) / sxx) : Number.NaN,
    maxResidual: Math.max(...residuals.map(Math.abs)),
    points: n,
  };
}
