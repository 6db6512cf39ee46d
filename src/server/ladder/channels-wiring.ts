/**
 * The push and email side of the ladder, chosen once from config: Web Push when VAPID keys are
 * set (else push is off and the ladder records "push_not_configured"), SMTP when SMTP_URL is
 * set (else .eml files in DATA_DIR/outbox), and the push subscriptions kept beside the alerts.
 */
import type { Alert } from "../../shared/alert";
import type { BeaconConfig } from "../config";
import { createEmailProviderFromConfig } from "../channels/email";
import { renderAlertEmail } from "../channels/email-template";
import { createPushProviderFromConfig } from "../channels/push";
import { pushPayloadFor } from "../channels/push-payload";
import { createPushSubscriptionStore } from "../store/push-subscriptions";
import type { AlertStore } from "../store/types";
import type { LadderDeps } from "./ladder";

export function ladderChannels(
  config: BeaconConfig,
  store: AlertStore,
): Pick<LadderDeps, "push" | "subscriptions" | "pushPayloadFor" | "email" | "renderEmail"> {
  return {
    push: createPushProviderFromConfig(config),
    subscriptions: createPushSubscriptionStore(store),
    pushPayloadFor: (alert: Alert) => pushPayloadFor(alert, config.appUrl),
    email: createEmailProviderFromConfig(config),
    renderEmail: (alert: Alert) => renderAlertEmail(alert, config.appUrl),
  };
}
