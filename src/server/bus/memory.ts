/** The embedded default bus: one process, listeners called in order, synchronously. */
import type { Alert } from "../../shared/alert";
import type { AlertBus, AlertListener } from "./types";

export function createMemoryBus(onListenerError: (error: unknown) => void = () => {}) {
  const listeners = new Set<AlertListener>();
  return {
    kind: "memory",
    async publish(alert: Alert) {
      for (const listener of listeners) {
        try {
          listener(alert);
        } catch (error) {
          // One broken listener must not starve the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener: AlertListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  } satisfies AlertBus;
}
