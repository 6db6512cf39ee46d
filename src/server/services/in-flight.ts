/**
 * Counts publishes in progress, so a draining server exits only once every alert it accepted
 * has been stored, handed to the bus and answered (or the drain timeout ran out). Before it
 * waits, the drain stops accepting new publishes: one accepted after the bus had closed would
 * be stored and answered 202 but reach no socket, not even a tab already back on another
 * server, until that tab next reconnected.
 */
import { createError } from "../errors";
import type { AlertPublisher } from "./alert.publisher";

export interface InFlight {
  readonly count: number;
  /** Resolves when nothing is in flight, or after `timeoutMs`; true when it went idle. */
  idle(timeoutMs: number): Promise<boolean>;
  /** From now on publishes are refused (503 `server_draining`, so producers go to another server); those in progress finish. */
  stopAccepting(): void;
}

export function trackInFlight(publisher: AlertPublisher): { publisher: AlertPublisher; inFlight: InFlight } {
  let count = 0;
  let accepting = true;
  const waiters = new Set<() => void>();
  function release(): void {
    count--;
    if (count === 0) for (const wake of [...waiters]) wake();
  }
  // One extra promise per publish, not an async frame: this wraps the hottest call there is.
  // (`finally` would make three: its own, and two more to hand the value on once it ran.)
  function track<T>(work: Promise<T>): Promise<T> {
    count++;
    return work.then(
      (value) => {
        release();
        return value;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
  }
  return {
    publisher: {
      publishAlert: (userId, alert) => (accepting ? track(publisher.publishAlert(userId, alert)) : refuse()),
      publishToGroup: (userIds, alert) => (accepting ? track(publisher.publishToGroup(userIds, alert)) : refuse()),
    },
    inFlight: {
      get count() {
        return count;
      },
      stopAccepting() {
        accepting = false;
      },
      idle(timeoutMs) {
        if (count === 0) return Promise.resolve(true);
        return new Promise((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve(true);
          };
          const timer = setTimeout(() => {
            waiters.delete(wake);
            resolve(false);
          }, timeoutMs);
          waiters.add(wake);
        });
      },
    },
  };
}

function refuse(): Promise<never> {
  return Promise.reject(
    createError(503, "server_draining", "this server is shutting down and accepts no more alerts; publish again (another server will answer)", {
      headers: { "retry-after": "1" },
    }),
  );
}
