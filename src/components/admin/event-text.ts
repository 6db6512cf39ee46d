/** One dashboard event as a short line of text, and the kind it is filtered by. */
import { type AdminEvent, knownEvent } from "~/shared/admin";

/**
 * "ladder": the steps between delivery and acknowledgement that are neither (a channel skipped,
 * a retry scheduled, no ack in time so the next rung is due): what an operator follows when an
 * alert did not simply arrive and get seen.
 */
export type EventKind = "published" | "delivered" | "acknowledged" | "fallback" | "ladder" | "failed" | "connection" | "error" | "other";

export function eventKind(anyEvent: AdminEvent): EventKind {
  const event = knownEvent(anyEvent);
  switch (event?.type) {
    case "published":
      return "published";
    case "connection":
      return "connection";
    case "error":
      return "error";
    case "delivery":
      switch (event.status) {
        case "failed":
          return "failed";
        case "delivered":
          return event.channel === "websocket" ? "delivered" : "fallback";
        case "acknowledged":
          return "acknowledged";
        case "skipped":
        case "retrying":
        case "unacknowledged":
          return "ladder";
        default:
          return "other";
      }
    default:
      return "other";
  }
}

export function describeEvent(anyEvent: AdminEvent): string {
  const event = knownEvent(anyEvent);
  if (!event) return anyEvent.type;
  if (event.type === "published") {
    return `${event.alert.severity} ${event.alert.service} alert for ${event.alert.userId}: ${event.alert.title}`;
  }
  if (event.type === "delivery") {
    const detail = event.detail ? ` (${event.detail})` : "";
    // latencyMs runs from the alert's creation to this step.
    const ms = `${Math.round(event.latencyMs)} ms`;
    const { channel, userId } = event;
    switch (event.status) {
      case "delivered":
        return `${channel} delivered to ${userId} in ${ms}${detail}`;
      case "acknowledged":
        return `${userId} acknowledged via ${channel} after ${ms}${detail}`;
      case "skipped":
        return `${channel} skipped for ${userId}${detail}`;
      case "retrying":
        return `${channel} to ${userId} will be retried${detail}`;
      case "unacknowledged":
        return `no acknowledgement by ${userId} via ${channel} in time${detail}`;
      case "failed":
        return `${channel} to ${userId} failed${detail}`;
      default:
        return `${channel} ${event.status} for ${userId}${detail}`;
    }
  }
  if (event.type === "connection") {
    return `${event.userId} ${event.change} a socket (${event.sockets} now)`;
  }
  return `${event.source} error: ${event.message}`;
}

/** Text the free-text filter matches: user ids, services, titles, channels. */
export function searchableText(entry: { serverId: string; event: AdminEvent }): string {
  return `${entry.serverId} ${describeEvent(entry.event)}`.toLowerCase();
}
