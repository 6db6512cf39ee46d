/**
 * A value now, or a promise of it later. Interfaces on every alert's path return this where one
 * implementation answers at once (the embedded bus, this process's sockets, a cached document)
 * and another may need the network: answering at once costs no promise. On Node 20, with
 * AsyncLocalStorage in use (SolidStart), every promise also runs async hooks, and `pnpm bench`
 * counted 51 of them per HTTP publish and its ack before this was done (2026-11-30 results).
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next(value)` at once when there is a value, after the promise when there is one. */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}
