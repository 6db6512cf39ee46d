/**
 * The alerts and unread count one client has seen this session, as signals. Deduplicates by
 * alert id because a publish can reach a tab twice (bus redelivery, a reconnect racing a publish).
 */
import { createSignal, type Accessor } from "solid-js";
import type { Alert } from "~/shared/alert";

export const DEFAULT_ALERTS_CAP = 200;

export interface AlertInbox {
  alerts: Accessor<readonly Alert[]>;
  unreadCount: Accessor<number>;
  onAlert(listener: (alert: Alert) => void): () => void;
  /** A `hello` arrived: take the server's unread count; a different user starts an empty inbox. */
  welcome(userId: string, unreadCount: number): void;
  setUnreadCount(count: number): void;
  /** Adds a new alert and tells the listeners; a duplicate id changes nothing. */
  receive(alert: Alert): void;
  markAllRead(): void;
}

/**
 * @example
 * const inbox = makeAlertInbox();
 * const stop = inbox.onAlert((alert) => toast(alert.title));
 */
export function makeAlertInbox(cap = DEFAULT_ALERTS_CAP): AlertInbox {
  const [alerts, setAlerts] = createSignal<readonly Alert[]>([]);
  const [unreadCount, setUnreadCount] = createSignal(0);
  const listeners = new Set<(alert: Alert) => void>();
  // Remembers more ids than the list keeps, so an alert that scrolled off is still not re-counted.
  const seenIds = new Set<string>();
  const seenCap = cap * 5;
  let userId: string | null = null;

  function remember(id: string): void {
    seenIds.add(id);
    if (seenIds.size > seenCap) seenIds.delete(seenIds.values().next().value as string);
  }

  function notify(alert: Alert): void {
    for (const listener of [...listeners]) {
      try {
        listener(alert);
      } catch (error) {
        // One failing toast must not stop the others or break the socket's message handler.
        console.error("[alert socket] an onAlert listener threw", error);
      }
    }
  }

  return {
    alerts,
    unreadCount,
    onAlert(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    welcome(nextUserId, count) {
      // Never show one user's alerts to the next one signed in on the same tab.
      if (userId !== null && userId !== nextUserId) {
        seenIds.clear();
        setAlerts([]);
      }
      userId = nextUserId;
      setUnreadCount(count);
    },
    setUnreadCount(count) {
      setUnreadCount(count);
    },
    receive(alert) {
      if (seenIds.has(alert.id)) return;
      remember(alert.id);
      setAlerts((previous) => [alert, ...previous].slice(0, cap));
      setUnreadCount((count) => count + 1);
      notify(alert);
    },
    markAllRead() {
      setUnreadCount(0);
    },
  };
}
