/**
 * AlertBus carries what every Beacon process must hear about a user to each process (this
 * one included), which hands it to its own local sockets: accepted alerts, and changes of
 * the unread count. One message per event, never one per socket.
 */
import type { Alert } from "../../shared/alert";
import type { UnreadState } from "../../shared/inbox";

export type BusMessage =
  | { type: "alert"; alert: Alert }
  /** Read state changed (a tab read or archived something): every tab shows the new count. */
  | { type: "unread"; userId: string; state: UnreadState };

export type BusListener = (message: BusMessage) => void;

export interface AlertBus {
  /** Which implementation is running, for logs and health output. */
  readonly kind: "memory" | "redis";
  /**
   * Hand a message to every subscriber in every process. At most once per subscriber;
   * an alert the bus loses is recovered from the store by the connection's catch-up.
   */
  publish(message: BusMessage): Promise<void>;
  /** Listen for messages from any process; returns the unsubscribe function. */
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}
