/** The first rung: the user's open tabs, through the bus so every process's sockets get it. */
import type { Alert } from "../../shared/alert";
import type { AlertBus } from "../bus/types";
import type { Presence } from "../realtime/presence";
import type { DeliveryChannel } from "./types";

export function createWebSocketChannel(bus: AlertBus, presence: Presence) {
  return {
    name: "websocket",
    async deliver(alert: Alert) {
      const at = new Date().toISOString();
      const sockets = await presence.connectionCount(alert.userId);
      if (sockets === 0) return { channel: "websocket", status: "skipped", at, reason: "no_live_socket" };
      await bus.publish({ type: "alert", alert });
      return { channel: "websocket", status: "delivered", at, detail: `${sockets} socket(s)` };
    },
  } satisfies DeliveryChannel;
}
