/**
 * The order of the ceiling search, apart from how a step runs: rising rates until one fails,
 * then, with `refineBy`, one more step between the last pass and the failure. At 1,000/s
 * steps a ceiling near 6,000/s is only known to ±17%, too coarse to hold two servers to a 75%
 * ratio; one extra step halves that for every server alike.
 *
 * With `retryLatencyFailures`, a step that failed on latency alone is run once more, and only
 * a second failure counts. On a shared 2-core machine one stall of the host fails a 3-s step
 * for any server: on 2026-12-02 raw `ws`'s search ended at 2,000/s with its main thread at a
 * third of a core, and its next at 4,000/s. Loss, errors and a rate not reached are never
 * retried.
 */

export interface CeilingSearch {
  rates: readonly number[];
  refineBy?: number;
  retryLatencyFailures?: boolean;
}

/** Why a step failed; `latencyOnly` when nothing was lost and the rate was reached, so one stall may be all it was. */
export interface StepFailure {
  reason: string;
  latencyOnly: boolean;
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
  attempt: (rate: number) => Promise<StepFailure | undefined>,
  expired: () => boolean,
): Promise<CeilingOutcome> {
  /** The reason a rate failed, after the second try where one is allowed. */
  const failureAt = async (rate: number): Promise<string | undefined> => {
    const first = await attempt(rate);
    if (!first || !search.retryLatencyFailures || !first.latencyOnly || expired()) return first?.reason;
    const second = await attempt(rate);
    return second && `${second.reason}; the first try: ${first.reason}`;
  };
  let highestPassing = 0;
  for (const rate of search.rates) {
    if (expired()) return { highestPassing, reason: "deadline" };
    const reason = await failureAt(rate);
    if (!reason) {
      highestPassing = rate;
      continue;
    }
    const between = highestPassing + (search.refineBy ?? Number.POSITIVE_INFINITY);
    if (between >= rate || expired()) return { highestPassing, stoppedAt: rate, reason };
    const reasonBetween = await failureAt(between);
    if (reasonBetween) return { highestPassing, stoppedAt: between, reason: reasonBetween };
    // The failure at `rate` is still what ended the search.
    return { highestPassing: between, stoppedAt: rate, reason };
  }
  return { highestPassing };
}
