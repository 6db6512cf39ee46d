/**
 * Which request or connection a log line belongs to, carried through async calls so that
 * code deep in the publisher or the store logs with the id of the request that caused it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface LogContext {
  requestId?: string;
  connectionId?: string;
  userId?: string;
}

// One storage per process: vinxi bundles a copy of this module into each router (see runtime.ts).
const STORAGE_KEY = Symbol.for("beacon.log.context");
type GlobalWithStorage = typeof globalThis & { [STORAGE_KEY]?: AsyncLocalStorage<LogContext> };

function storage(): AsyncLocalStorage<LogContext> {
  const holder = globalThis as GlobalWithStorage;
  return (holder[STORAGE_KEY] ??= new AsyncLocalStorage<LogContext>());
}

export function currentLogContext(): LogContext | undefined {
  return storage().getStore();
}

/** Runs `fn` with `context` added to every log line it (and whatever it awaits) writes. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage().run({ ...currentLogContext(), ...context }, fn);
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's X-Request-Id when it is a sane token (so a proxy's id threads through), else a new one. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}
