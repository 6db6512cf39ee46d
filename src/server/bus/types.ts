/**
 * AlertBus carries what every Beacon process must hear about a user to each process (this
 * one included), which hands it to its own local sockets: accepted alerts, and changes of
 * the unread count. One message per event, never one per socket. Implementations carry any
 * `BusMessage` as a whole (JSON on the wire), so new message types need no bus change.
 */
import type { Alert } from "../../shared/alert";
import type { ServerStats } from "../../shared/admin";
import type { UnreadState } from "../../shared/inbox";
import type { BeaconEvent } from "../observe/events";

export type BusMessage =
  /** `silent`: the user's preferences say no toast (the frame still updates inbox and badge). */
  | { type: "alert"; alert: Alert; silent?: true }
  /** Read state changed (a tab read or archived something): every tab shows the new count. */
  | { type: "unread"; userId: string; state: UnreadState }
  /** The user saved new preferences: every process drops its cached copy (preferences/cached-preferences.ts). */
  | { type: "preferences"; userId: string }
  /** Operators' dashboard: one server's figures, every few seconds (observe/admin-feed.ts). */
  | { type: "stats"; serverId: string; stats: ServerStats }
  /** Operators' dashboard: what happened on one server, batched; sent only while some dashboard is open. */
  | { type: "events"; serverId: string; events: BeaconEvent[] };

export type BusListener = (message: BusMessage) => void;

/**
 * Messages may have been lost: the listed users' connections (null: every connection in this
 * process) must re-read the store from their cursor. Fired when a networked bus recovers.
 */
export type ResyncListener = (userIds: readonly string[] | null) => void;

/** What /readyz, /metrics and the dashboard need to know about the bus. */
export interface BusStatus {
  kind: AlertBus["kind"];
  /** True when messages reach other processes right now (always for memory). */
  connected: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Connection and command errors since start. */
  errors: number;
  /** Messages that could not be handed to other processes (recovered by resync). */
  dropped: number;
  /** Times the bus asked local connections to re-read the store. */
  resyncs: number;
}

export interface AlertBus {
  /** Which implementation is running, for logs and health output. */
  readonly kind: "memory" | "redis";
  /**
   * Hand a message to every subscriber in every process. This process's subscribers get it
   * before this returns, whatever the network does; other processes at most once. A message
   * other processes miss is recovered from the store: the bus fires `onResync` where it was
   * missed once it recovers, and the connection's stream reads it back. Never throws, and
   * returns nothing to wait for (no promise per alert: see maybe-promise.ts).
   */
  publish(message: BusMessage): void;
  /** Listen for messages from any process; returns the unsubscribe function. */
  subscribe(listener: BusListener): () => void;
  /** Told when messages may have been missed; returns the unsubscribe function. */
  onResync(listener: ResyncListener): () => void;
  status(): BusStatus;
  close(): Promise<void>;
}
