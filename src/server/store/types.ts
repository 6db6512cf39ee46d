/**
 * AlertStore: where every accepted alert lives before anything is delivered. The store,
 * not memory, is the source of truth: catch-up, the inbox and the unread count all read it.
 * Two implementations behind this one contract: embedded SQLite (default) and PostgreSQL.
 */
import type { Alert } from "../../shared/alert";
import type { DeliveryRecord, InboxDetail, InboxItem, InboxQuery, UnreadState } from "../../shared/inbox";

/** An alert with its delivery record, as the store has it (the ladder's state is the ladder's). */
export type StoredDetail = Omit<InboxDetail, "escalation">;

/** An alert as the publisher stamps it, before the store gives it its seq. */
export type UnsequencedAlert = Omit<Alert, "seq">;

export interface DeliveryRecordInput extends DeliveryRecord {
  alertId: string;
}

export interface InsertOptions {
  /**
   * Each alert's escalation (the delivery ladder, src/server/ladder/) is written in the same
   * transaction, at step "socket", due this long after the alert's createdAt: if nothing
   * acknowledges it by then, the ladder moves on to push. Default 0 (due at once).
   */
  escalateAfterMs?: number;
}

export interface InboxChangeAt {
  read?: boolean;
  archived?: boolean;
  at: Date;
}

export interface AlertStore {
  readonly kind: "sqlite" | "postgres";
  /** Resolves once the store is reachable and migrated; rejects with the reason otherwise. */
  ready(): Promise<void>;
  /** One real round trip to the database (for /readyz); rejects with the reason when it cannot be made. */
  ping(): Promise<void>;
  /**
   * Stores the alerts in one transaction: all of them or none. Each gets its user's next seq;
   * a user's seqs commit in order, so a reader who sees seq n has seen every seq below it.
   * Resolves only when the write is durable. Every alert gets its escalation row in the same
   * transaction, so an accepted alert can never lack one.
   */
  insert(alerts: readonly UnsequencedAlert[], options?: InsertOptions): Promise<Alert[]>;
  /** The user's alerts with seq > `after`, oldest first, at most `limit` (catch-up). */
  readAfter(userId: string, after: number, limit: number): Promise<Alert[]>;
  /** The newest `limit` unread, unarchived alerts with seq ≤ `upTo`, oldest first (a first connection). */
  readUnread(userId: string, upTo: number, limit: number): Promise<Alert[]>;
  /** Unread, unarchived count and the user's newest seq, read together. */
  unreadState(userId: string): Promise<UnreadState>;
  /** Newest first, filtered; `before` is a seq. */
  list(userId: string, query: InboxQuery): Promise<InboxItem[]>;
  /** One alert of this user's with its delivery record; null when it is not theirs or gone. */
  get(userId: string, alertId: string): Promise<StoredDetail | null>;
  /** Sets or clears read/archived; null when the alert is not this user's. */
  update(userId: string, alertId: string, change: InboxChangeAt): Promise<InboxItem | null>;
  /** Marks every unread, unarchived alert with seq ≤ `upTo` (all when absent) read; returns how many changed. */
  markAllRead(userId: string, upTo: number | undefined, at: Date): Promise<number>;
  recordDeliveries(records: readonly DeliveryRecordInput[]): Promise<void>;
  /**
   * Deletes up to `limit` alerts created before `cutoff`, read or not, with their delivery
   * records and escalations; returns how many. Call again until it returns less than `limit`: small batches keep
   * each transaction (and, for SQLite, each pause of the event loop) short.
   */
  prune(cutoff: Date, limit: number): Promise<number>;
  close(): Promise<void>;
}
