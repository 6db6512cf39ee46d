/**
 * The two ends of an escalation that the rest of Beacon touches: starting it once the
 * publisher has tried the user's sockets, and ending it when a tab (WebSocket `ack` frame) or
 * the service worker (POST /api/inbox/:id/ack) says the alert was shown.
 */
import type { Alert } from "../../shared/alert";
import type { DeliveryOutcome } from "../channels/types";
import type { EventHub } from "../observe/events";
import type { AckResult, EscalationStore } from "./escalation-store";
import type { LadderWorker } from "./worker";

export interface EscalationHooks {
  /** Due time of the first step after createdAt (the ack window); goes to AlertStore.insert. */
  readonly escalateAfterMs: number;
  /**
   * The publisher tried the sockets: with none, go to push now (a promise of that write); else
   * wait for the ack window (nothing to wait for: no promise, on every live alert's path).
   */
  accepted(alert: Alert, attempts: readonly DeliveryOutcome[]): Promise<void> | undefined;
  acknowledge(userId: string, alertId: string, channel: "websocket" | "push"): Promise<AckResult>;
}

export function createEscalationHooks(deps: {
  escalations: EscalationStore;
  worker: Pick<LadderWorker, "wake">;
  ackWindowMs: number;
  events?: EventHub;
  now?: () => number;
}): EscalationHooks {
  const now = deps.now ?? Date.now;
  return {
    escalateAfterMs: deps.ackWindowMs,
    accepted(alert, attempts) {
      const socket = attempts.find((attempt) => attempt.channel === "websocket");
      if (socket?.status === "delivered") {
        deps.worker.wake(Date.parse(alert.createdAt) + deps.ackWindowMs);
        return undefined;
      }
      return deps.escalations.skipSocket(alert.id, now()).then((skipped) => {
        if (skipped) deps.worker.wake();
      });
    },
    async acknowledge(userId, alertId, channel) {
      const at = new Date(now());
      const detail = channel === "websocket" ? "a tab showed it" : "the notification was shown";
      const result = await deps.escalations.acknowledge(userId, alertId, channel, at, detail);
      if (result !== "acknowledged") return result;
      deps.events?.emit({ type: "delivery", at: at.toISOString(), alertId, userId, channel, status: "acknowledged", detail, latencyMs: 0 });
      return result;
    },
  };
}
