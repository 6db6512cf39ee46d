/**
 * The push and email providers the ladder uses, chosen from config.
 *
 * TEMPORARY on branch wt-ladder: the real providers (Web Push with VAPID, SMTP/outbox email,
 * the push subscription store, payload and email templates) are the channels helper's, on
 * branch wt-channels. Until that branch is merged this answers "not configured": push is off
 * (the ladder records "push_not_configured" and goes to email) and email is refused.
 */
import type { Alert } from "../../shared/alert";
import type { BeaconConfig } from "../config";
import type { EmailProvider, PushProvider, PushSubscriptionStore } from "../channels/providers";
import type { AlertStore } from "../store/types";
import type { LadderDeps } from "./ladder";

export function ladderChannels(
  _config: BeaconConfig,
  _store: AlertStore,
): Pick<LadderDeps, "push" | "subscriptions" | "pushPayloadFor" | "email" | "renderEmail"> {
  const push: PushProvider = { enabled: false, publicKey: null, send: async () => ({ status: "rejected", detail: "push is not configured" }) };
  const email: EmailProvider = { kind: "outbox", send: async () => ({ status: "rejected", detail: "email is not wired on this branch" }) };
  const subscriptions: PushSubscriptionStore = {
    save: async () => {
      throw new Error("push subscriptions are not wired on this branch");
    },
    list: async () => [],
    remove: async () => false,
    removeById: async () => {},
  };
  return {
    push,
    subscriptions,
    email,
    pushPayloadFor: (alert: Alert) => ({
      alertId: alert.id,
      service: alert.service,
      severity: alert.severity,
      title: alert.title,
      body: alert.teaser ?? alert.body,
      url: `/alerts/${alert.id}`,
      ackUrl: `/api/inbox/${alert.id}/ack`,
    }),
    renderEmail: (alert: Alert) => ({ subject: alert.title, text: alert.body, html: alert.body }),
  };
}
