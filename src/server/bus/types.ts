/**
 * AlertBus carries what every Beacon process must hear about a user to each process (this
 * one included), which hands it to its own local sockets: accepted alerts, and changes of
 * the unread count. One message per event, never one per socket.
 */
import type { Alert } from "../../shared/alert";
import type { ServerStats } from "../../shared/admin";
import type { UnreadState } from "../../shared/inbox";
import type { BeaconEvent } from "../observe/events";

export type BusMessage =
  | { type: "alert"; alert: Alert }
  /** Read state changed (a tab read or archived something): every tab shows the new count. */
  | { type: "unread"; userId: string; state: UnreadState }
  /** Operators' dashboard: one server's figures, every few seconds (observe/admin-feed.ts). */
  | { type: "stats"; serverId: string; stats: ServerStats }
  /** Operators' dashboard: what happened on one server, batched; sent only while some dashboard is open. */
  | { type: "events"; serverId: string; events: BeaconEvent[] };

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
  /**
   * Whether the bus can carry messages now, for /readyz: resolves, or rejects with the reason.
   * Optional: an in-process bus is always up.
   */
  healthy?(): Promise<void>;
}
