/**
 * The delivery ladder, built once from its parts: the escalation store over the alert store's
 * connection, the rungs (ladder.ts), the worker that runs due steps, and the hooks the
 * publisher, the WebSocket route and the ack API call.
 */
import type { Alert } from "../../shared/alert";
import { deliveryPolicy } from "../preferences/policy";
import type { SilenceReason } from "../channels/websocket";
import { andThen } from "../maybe-promise";
import type { AlertStore } from "../store/types";
import { createEscalationHooks, type EscalationHooks } from "./acknowledgements";
import { createEscalationStore, type EscalationStore } from "./escalation-store";
import { createLadder, type LadderDeps } from "./ladder";
import { createLadderWorker, type LadderWorker } from "./worker";

export interface DeliveryLadderOptions extends Omit<LadderDeps, "escalations" | "store"> {
  store: AlertStore;
  pollMs: number;
  leaseMs: number;
  onError(error: unknown): void;
}

export interface DeliveryLadder {
  escalations: EscalationStore;
  worker: LadderWorker;
  hooks: EscalationHooks;
  /** For the socket rung: the policy's reason to keep this alert's frame silent, or null. */
  silenceReason: SilenceReason;
  /**
   * For a connection's catch-up: the user's preferences read once, as "is this replayed alert
   * silent?". Never rejects: preferences that cannot be read mean toasts as usual.
   */
  replaySilencer(userId: string): Promise<(alert: Alert) => boolean>;
}

export function createDeliveryLadder(options: DeliveryLadderOptions): DeliveryLadder {
  const escalations = createEscalationStore(options.store);
  const ladder = createLadder({ ...options, escalations, store: options.store });
  const worker = createLadderWorker({
    escalations,
    run: (claim) => ladder.run(claim),
    pollMs: options.pollMs,
    leaseMs: options.leaseMs,
    onError: options.onError,
    now: options.now,
  });
  const hooks = createEscalationHooks({
    escalations,
    worker,
    ackWindowMs: options.settings.ackWindowMs,
    events: options.events,
    now: options.now,
  });
  const now = options.now ?? Date.now;
  return {
    escalations,
    worker,
    hooks,
    async replaySilencer(userId: string) {
      try {
        // Once per socket: not worth a place in the preferences cache.
        const preferences = await options.preferencesOf(userId, { keep: false });
        return (alert: Alert) => !deliveryPolicy(preferences, alert, new Date(now())).toast;
      } catch {
        return () => false;
      }
    },
    silenceReason(alert: Alert) {
      // At once when the preferences are cached (almost every alert): no promise on its path.
      return andThen(options.preferencesOf(alert.userId), (preferences) => {
        const policy = deliveryPolicy(preferences, alert, new Date(now()));
        return policy.toast ? null : (policy.reasons.toast ?? "toast_off");
      });
    },
  };
}

export type { EscalationHooks } from "./acknowledgements";
export type { LadderSettings } from "./ladder";
