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

  return {
    /** Call for every event in order; returns what is known about a delivery outcome. */
    observe(event: BeaconEvent): OutcomeInfo | null {
      if (event.type === "published") {
        alerts.set(event.alert.id, { service: event.alert.service, undelivered: false });
        // Maps iterate in insertion order: the first key is the oldest alert.
        if (alerts.size > capacity) alerts.delete(alerts.keys().next().value!);
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
