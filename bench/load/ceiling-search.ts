/**
 * The order of the ceiling search, apart from how a step runs: rising rates until one fails,
 * then, with `refineBy`, one more step between the last pass and the failure. At 1,000/s
 * steps a ceiling near 6,000/s is only known to ±17%, too coarse to hold two servers to a 75%
 * ratio; one extra step halves that for every server alike.
 */

export interface CeilingSearch {
  rates: readonly number[];
  refineBy?: number;
}

export interface CeilingOutcome {
  highestPassing: number;
  /** The rate of the step that ended the search; absent when every rate passed. */
  stoppedAt?: number;
  reason?: string;
}

/** `attempt(rate)` runs one step and answers why it failed, or undefined when it passed. */
export async function searchCeiling(
  search: CeilingSearch,
  attempt: (rate: number) => Promise<string | undefined>,
  expired: () => boolean,
): Promise<CeilingOutcome> {
  let highestPassing = 0;
  for (const rate of search.rates) {
    if (expired()) return { highestPassing, reason: "deadline" };
    const reason = await attempt(rate);
    if (!reason) {
      highestPassing = rate;
      continue;
    }
    const between = highestPassing + (search.refineBy ?? Number.POSITIVE_INFINITY);
    if (between >= rate || expired()) return { highestPassing, stoppedAt: rate, reason };
    const reasonBetween = await attempt(between);
    if (reasonBetween) return { highestPassing, stoppedAt: between, reason: reasonBetween };
    // The failure at `rate` is still what ended the search.
    return { highestPassing: between, stoppedAt: rate, reason };
  }
  return { highestPassing };
}
