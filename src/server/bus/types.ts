/**
 * AlertBus carries accepted alerts to every Beacon process (this one included), each of
 * which hands them to its own local sockets. Local fan-out never goes through the bus's
 * network transport twice: one message per alert, not per socket.
 */
import type { Alert } from "../../shared/alert";

export type AlertListener = (alert: Alert) => void;

export interface AlertBus {
  /** Which implementation is running, for logs and health output. */
  readonly kind: "memory" | "redis";
  /**
   * Hand an alert to every subscriber in every process. At most once per subscriber;
   * an alert the bus loses is recovered from the store by the client's catch-up.
   */
  publish(alert: Alert): Promise<void>;
  /** Listen for alerts from any process; returns the unsubscribe function. */
  subscribe(listener: AlertListener): () => void;
  close(): Promise<void>;
}
