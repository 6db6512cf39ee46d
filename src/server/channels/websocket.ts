/**
 * The first rung: the user's open tabs, through the bus so every process's sockets get it.
 * When the user's preferences say no toast (Do-Not-Disturb, toasts off for the service) the
 * frame goes out `silent`: the tab lists and counts it but shows nothing.
 */
import type { Alert } from "../../shared/alert";
import type { AlertBus } from "../bus/types";
import type { Presence } from "../realtime/presence";
import type { DeliveryChannel } from "./types";

/** Why this alert must not toast (a policy reason such as "do_not_disturb"), or null to toast. */
export type SilenceReason = (alert: Alert) => Promise<string | null>;

export function createWebSocketChannel(bus: AlertBus, presence: Presence, silenceReason?: SilenceReason) {
  return {
    name: "websocket",
    async deliver(alert: Alert) {
      const at = new Date().toISOString();
      const sockets = await presence.connectionCount(alert.userId);
      if (sockets === 0) return { channel: "websocket", status: "skipped", at, reason: "no_live_socket" };
      // Preferences that cannot be read must not hold the alert back: it toasts.
      const silent = silenceReason ? await silenceReason(alert).catch(() => null) : null;
      await bus.publish(silent ? { type: "alert", alert, silent: true } : { type: "alert", alert });
      return { channel: "websocket", status: "delivered", at, detail: silent ? `${sockets} socket(s), silent: ${silent}` : `${sockets} socket(s)` };
    },
  } satisfies DeliveryChannel;
}
