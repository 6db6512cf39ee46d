/**
 * The alerts one tab has seen this session and its unread badge, as signals.
 *
 * The badge is the server's count plus what arrived since: the server sends a count together
 * with the seq it covers (`hello`, `unread`), and every alert with a higher seq that reaches
 * this tab adds one. So a count and a live alert crossing on the wire never double-count, and
 * a replayed alert the count already includes never counts twice.
 *
 * Alerts are deduplicated by id: a replay and a live delivery can race, and a reload replays
 * from the saved cursor.
 */
import { createSignal, type Accessor } from "solid-js";
import type { Alert } from "~/shared/alert";

export const DEFAULT_ALERTS_CAP = 200;

export interface AlertInbox {
  alerts: Accessor<readonly Alert[]>;
  unreadCount: Accessor<number>;
  /** The newest seq this tab has received (the catch-up cursor), or null before any. */
  cursor: Accessor<number | null>;
  /** A `hello` arrived: take the server's count; a different user starts an empty inbox. */
  welcome(userId: string, unreadCount: number, countedUpTo: number): void;
  /** The server's count of unread alerts with seq ≤ `countedUpTo`. */
  setUnreadState(unreadCount: number, countedUpTo: number): void;
  /** Adds a new alert; returns false for one already seen. */
  receive(alert: Alert): boolean;
  /** The server's position after catch-up (lower than ours only when its store was reset). */
  syncCursor(cursor: number): void;
  /** Everything this tab has seen is read (optimistic; the server's `unread` frame follows). */
  markAllRead(): void;
}

/**
 * @example
 * const inbox = makeAlertInbox();
 * if (inbox.receive(alert)) toast(alert.title);
 */
export function makeAlertInbox(cap = DEFAULT_ALERTS_CAP): AlertInbox {
  const [alerts, setAlerts] = createSignal<readonly Alert[]>([]);
  const [cursor, setCursor] = createSignal<number | null>(null);
  const [counted, setCounted] = createSignal({ count: 0, upTo: 0 });
  // Seqs received above the server's last count: each is one more unread.
  const [newer, setNewer] = createSignal<ReadonlySet<number>>(new Set());
  // Remembers more ids than the list keeps, so an alert that scrolled off is still not re-counted.
  const seenIds = new Set<string>();
  const seenCap = cap * 5;
  let userId: string | null = null;

  function remember(id: string): void {
    seenIds.add(id);
    if (seenIds.size > seenCap) seenIds.delete(seenIds.values().next().value as string);
  }

  function setUnreadState(count: number, upTo: number): void {
    setCounted({ count, upTo });
    setNewer((previous) => new Set([...previous].filter((seq) => seq > upTo)));
  }

  return {
    alerts,
    unreadCount: () => counted().count + newer().size,
    cursor,
    welcome(nextUserId, count, upTo) {
      // Never show one user's alerts to the next one signed in on the same tab.
      if (userId !== null && userId !== nextUserId) {
        seenIds.clear();
        setAlerts([]);
        setCursor(null);
      }
      userId = nextUserId;
      setUnreadState(count, upTo);
    },
    setUnreadState,
    receive(alert) {
      setCursor((current) => Math.max(current ?? 0, alert.seq));
      if (seenIds.has(alert.id)) return false;
      remember(alert.id);
      setAlerts((previous) => [alert, ...previous].slice(0, cap));
      if (alert.seq > counted().upTo) setNewer((previous) => new Set(previous).add(alert.seq));
      return true;
    },
    syncCursor(position) {
      setCursor(position);
    },
    markAllRead() {
      setUnreadState(0, Math.max(counted().upTo, cursor() ?? 0));
    },
  };
}
