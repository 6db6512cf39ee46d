/**
 * Counts publishes in progress, so a draining server exits only once every alert it accepted
 * has been stored, handed to the bus and answered (or the drain timeout ran out).
 */
import type { AlertPublisher } from "./alert.publisher";

export interface InFlight {
  readonly count: number;
  /** Resolves when nothing is in flight, or after `timeoutMs`; true when it went idle. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function trackInFlight(publisher: AlertPublisher): { publisher: AlertPublisher; inFlight: InFlight } {
  let count = 0;
  const waiters = new Set<() => void>();
  function release(): void {
    count--;
    if (count === 0) for (const wake of [...waiters]) wake();
  }
  // One extra promise per publish, not an async frame: this wraps the hottest call there is.
  function track<T>(work: Promise<T>): Promise<T> {
    count++;
    return work.finally(release);
  }
  return {
    publisher: {
      publishAlert: (userId, alert) => track(publisher.publishAlert(userId, alert)),
      publishToGroup: (userIds, alert) => track(publisher.publishToGroup(userIds, alert)),
    },
    inFlight: {
      get count() {
        return count;
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
