/**
 * Bridges the bus to this process's sockets. An alert is serialised once and offered to each
 * of the user's connections (whose stream keeps it in order and exactly-once); an unread
 * change is one frame written to each. Other message types (the dashboard's) are not for
 * users' sockets and are ignored here.
 */
import type { AlertFrame, UnreadFrame } from "../../shared/protocol";
import type { AlertBus, BusMessage } from "../bus/types";
import type { PeerRegistry } from "./peer-registry";

export function attachLocalFanout(bus: AlertBus, registry: PeerRegistry): () => void {
  return bus.subscribe((message: BusMessage) => {
    if (message.type === "alert") {
      const connections = registry.connectionsOf(message.alert.userId);
      if (!connections) return;
      const frame = JSON.stringify(
        (message.silent ? { type: "alert", alert: message.alert, silent: true } : { type: "alert", alert: message.alert }) satisfies AlertFrame,
      );
      for (const connection of connections) connection.stream.offer(message.alert, frame);
    } else if (message.type === "unread") {
      if (registry.countFor(message.userId) === 0) return;
      const frame: UnreadFrame = { type: "unread", ...message.state };
      registry.sendToUser(message.userId, JSON.stringify(frame));
    }
  });
}
