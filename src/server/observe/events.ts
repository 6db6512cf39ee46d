/**
 * What happens inside Beacon, as typed events for the people who watch it: the admin
 * dashboard, metrics and logs subscribe here; the publisher, the delivery ladder and the
 * socket lifecycle emit. In-process only (each server has its own hub); carrying events
 * between servers is the bus's job. Emitting never throws into the emitter and never waits.
 */
import type { Alert } from "../../shared/alert";
import type { ChannelName, DeliveryStatus } from "../../shared/inbox";

export type BeaconEvent =
  | { type: "published"; at: string; alert: Pick<Alert, "id" | "userId" | "service" | "severity" | "title" | "createdAt"> }
  | {
      type: "delivery";
      at: string;
      alertId: string;
      userId: string;
      channel: ChannelName;
      status: DeliveryStatus;
      detail: string | null;
      /** From the alert's createdAt to this outcome; for a delivered outcome, the delivery latency. */
      latencyMs: number;
    }
  | { type: "connection"; at: string; userId: string; change: "opened" | "closed"; sockets: number }
  /** Something went wrong that operators should count: a store or bus failure, a 5xx. The message is already safe to show. */
  | { type: "error"; at: string; source: ErrorSource; message: string };

export type ErrorSource = "store" | "bus" | "delivery" | "http" | "retention";

export type BeaconEventListener = (event: BeaconEvent) => void;

export interface EventHub {
  emit(event: BeaconEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: BeaconEventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void = () => {}): EventHub {
  const listeners = new Set<BeaconEventListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          // A broken dashboard must not break delivery.
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
