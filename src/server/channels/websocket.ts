/**
 * The first rung: the user's open tabs, through the bus so every process's sockets get it.
 * When the user's preferences say no toast (Do-Not-Disturb, toasts off for the service) the
 * frame goes out `silent`: the tab lists and counts it but shows nothing.
 */
import type { Alert } from "../../shared/alert";
import type { AlertBus } from "../bus/types";
import { isPromise, type MaybePromise } from "../maybe-promise";
import type { Presence } from "../realtime/presence";
import type { DeliveryChannel, DeliveryOutcome } from "./types";

/**
 * Why this alert must not toast (a policy reason such as "do_not_disturb"), or null to toast.
 * At once when the preferences are at hand; a promise only when they must be read.
 */
export type SilenceReason = (alert: Alert) => MaybePromise<string | null>;

export function createWebSocketChannel(bus: AlertBus, presence: Presence, silenceReason?: SilenceReason) {
  /** Preferences that cannot be read must not hold the alert back: it toasts. */
  function silenceOf(alert: Alert): MaybePromise<string | null> {
    if (!silenceReason) return null;
    try {
      const reason = silenceReason(alert);
      return isPromise(reason) ? reason.catch(() => null) : reason;
    } catch {
      return null;
    }
  }

  function send(alert: Alert, sockets: number, silent: string | null, at: string): DeliveryOutcome {
    bus.publish(silent ? { type: "alert", alert, silent: true } : { type: "alert", alert });
    return { channel: "websocket", status: "delivered", at, detail: silent ? `${sockets} socket(s), silent: ${silent}` : `${sockets} socket(s)` };
  }

  function withSockets(alert: Alert, sockets: number, at: string): MaybePromise<DeliveryOutcome> {
    if (sockets === 0) return { channel: "websocket", status: "skipped", at, reason: "no_live_socket" };
    const silent = silenceOf(alert);
    return isPromise(silent) ? silent.then((reason) => send(alert, sockets, reason, at)) : send(alert, sockets, silent, at);
  }

  return {
    name: "websocket",
    // Written without async: for a user with a socket on this server and cached preferences
    // (nearly every live alert) nothing here needs to wait, so nothing makes a promise.
    deliver(alert: Alert) {
      const at = new Date().toISOString();
      const sockets = presence.connectionCount(alert.userId);
      return isPromise(sockets) ? sockets.then((count) => withSockets(alert, count, at)) : withSockets(alert, sockets, at);
    },
  } satisfies DeliveryChannel;
}
