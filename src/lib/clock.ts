/**
 * The clock the browser client schedules with. Injected so tests can drive time, and adapted
 * here once so the rest of the client never calls timer globals directly.
 */

/** What callers may inject: the shape of the global timer functions. */
export interface Clock {
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
  now: () => number;
}

export type TimerHandle = ReturnType<typeof setTimeout>;

/** The narrow timer surface the client's modules use. */
export interface Timers {
  set(callback: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle | null): void;
  now(): number;
}

/**
 * Adapt an injected clock, or the globals when none is given.
 * Globals are looked up at call time so fake timers installed after creation still apply,
 * and timer functions are called unbound because browsers throw "Illegal invocation" when
 * `window.setTimeout` is called with another object as `this`.
 * @example const timers = timersFrom(undefined); const handle = timers.set(tick, 1000);
 */
export function timersFrom(clock: Clock | undefined): Timers {
  if (!clock) {
    return {
      set: (callback, ms) => globalThis.setTimeout(callback, ms),
      clear: (handle) => globalThis.clearTimeout(handle ?? undefined),
      now: () => Date.now(),
    };
  }
  const { setTimeout: set, clearTimeout: clear } = clock;
  return {
    set: (callback, ms) => set(callback, ms),
    clear: (handle) => clear(handle ?? undefined),
    now: () => clock.now(),
  };
}
