/** A store that cannot answer is a 503 the client may retry, not a 500 (same answer as the inbox API). */
import { createError, isBeaconError } from "../errors";

export async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBeaconError(error)) throw error;
    throw createError(503, "store_unavailable", "the store is not reachable; retry shortly", {
      headers: { "retry-after": "2" },
      cause: error,
    });
  }
}
