/** The embedded default bus: one process, listeners called in order, synchronously. */
import { makeListenerSet } from "./listeners";
import type { AlertBus, BusMessage, ResyncListener } from "./types";

export function createMemoryBus(onListenerError: (error: unknown) => void = () => {}) {
  const listeners = makeListenerSet<BusMessage>(onListenerError);
  const resyncListeners = makeListenerSet<readonly string[] | null>(onListenerError);
  return {
    kind: "memory",
    publish(message: BusMessage) {
      listeners.emit(message);
    },
    subscribe: listeners.add,
    // Nothing is ever lost between listeners in one process, so this never fires.
    onResync: (listener: ResyncListener) => resyncListeners.add(listener),
    status: () => ({ kind: "memory", connected: true, lastError: null, lastErrorAt: null, errors: 0, dropped: 0, resyncs: 0 }),
    async close() {
      listeners.clear();
      resyncListeners.clear();
    },
  } satisfies AlertBus;
}
