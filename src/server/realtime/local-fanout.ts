/**
 * Bridges the bus to this process's sockets: each alert is serialised once and written
 * to every socket the user has here.
 */
import type { Alert } from "../../shared/alert";
import type { AlertFrame } from "../../shared/protocol";
import type { AlertBus } from "../bus/types";
import type { PeerRegistry } from "./peer-registry";

export function attachLocalFanout(bus: AlertBus, registry: PeerRegistry): () => void {
  return bus.subscribe((alert: Alert) => {
    if (registry.countFor(alert.userId) === 0) return;
    const frame: AlertFrame = { type: "alert", alert };
    registry.sendToUser(alert.userId, JSON.stringify(frame));
  });
}
