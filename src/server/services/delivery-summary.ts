/** The 202 body publish endpoints answer with: the new alert ids and what happened to each. */
import type { DeliveryReport } from "./alert.publisher";

export function toAcceptedBody(reports: readonly DeliveryReport[]) {
  return {
    alerts: reports.map(({ alertId, userId, status, channel }) => ({ alertId, userId, status, channel })),
  };
}
