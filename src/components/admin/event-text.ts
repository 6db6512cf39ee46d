/** One dashboard event as a short line of text, and the kind it is filtered by. */
import { type AdminEvent, knownEvent } from "~/shared/admin";

export type EventKind = "published" | "delivered" | "fallback" | "failed" | "connection" | "error" | "other";

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
      if (event.status === "failed") return "failed";
      if (event.status === "delivered") return event.channel === "websocket" ? "delivered" : "fallback";
      return "other";
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
    const latency = event.status === "delivered" ? ` in ${Math.round(event.latencyMs)} ms` : "";
    return `${event.channel} ${event.status} to ${event.userId}${latency}${detail}`;
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
