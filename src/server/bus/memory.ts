/** The embedded default bus: one process, listeners called in order, synchronously. */
import type { AlertBus, BusListener, BusMessage } from "./types";

export function createMemoryBus(onListenerError: (error: unknown) => void = () => {}) {
  const listeners = new Set<BusListener>();
  return {
    kind: "memory",
    async publish(message: BusMessage) {
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          // One broken listener must not starve the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener: BusListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  } satisfies AlertBus;
}
