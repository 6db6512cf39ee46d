/**
 * One line per step of an alert's delivery record, for the detail view's timeline:
 * "delivered live 12:01:03 · 2 socket(s)", "acknowledged in a tab 12:01:04", "push sent 12:01:13".
 */
import type { ChannelName, DeliveryRecord, DeliveryStatus, PendingEscalation } from "~/shared/inbox";

const PHRASES: Record<ChannelName, Record<DeliveryStatus, string>> = {
  websocket: {
    delivered: "delivered live",
    acknowledged: "acknowledged in a tab",
    unacknowledged: "no tab acknowledged it",
    retrying: "live delivery will retry",
    skipped: "not delivered live",
    failed: "live delivery failed",
  },
  push: {
    delivered: "push sent",
    acknowledged: "push notification shown",
    unacknowledged: "push not acknowledged",
    retrying: "push will retry",
    skipped: "no push",
    failed: "push failed",
  },
  email: {
    delivered: "email sent",
    acknowledged: "acknowledged",
    unacknowledged: "email not acknowledged",
    retrying: "email will retry",
    skipped: "no email",
    failed: "email failed",
  },
};

/** Reasons the server records as codes, in words a user understands. */
const DETAIL_WORDS: Record<string, string> = {
  no_live_socket: "no tab was open; kept for your next visit",
  do_not_disturb: "Do not disturb is on",
  quiet_hours: "quiet hours",
  toast_off_for_service: "toasts are off for this service",
  push_off_for_service: "push is off for this service",
  email_off_for_service: "email is off for this service",
  below_push_severity: "below your push severity",
  below_email_severity: "below your email severity",
  push_not_configured: "push is not set up on this server",
  no_push_subscription: "no device has push enabled",
  no_email_address: "your account has no email address",
};
/**
 * Details the server writes on an acknowledgement (src/server/ladder/acknowledgements.ts) that
 * only restate the phrase ("acknowledged in a tab · a tab showed it"): left out.
 */
const RESTATED_DETAILS = new Set(["a tab showed it", "the notification was shown"]);
const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });

/**
 * @example
 * describeDelivery({ channel: "websocket", status: "delivered", at: "2025-01-02T12:01:03Z", detail: "2 socket(s)" }, today)
 * // "delivered live 12:01:03 · 2 socket(s)"
 */
export function describeDelivery(record: DeliveryRecord, now: Date = new Date()): string {
  const when = timeOf(record.at, now);
  const detail = record.detail && !RESTATED_DETAILS.has(record.detail) ? ` · ${DETAIL_WORDS[record.detail] ?? record.detail}` : "";
  const phrase = PHRASES[record.channel]?.[record.status] ?? `${record.channel} ${record.status}`;
  return `${phrase} ${when}`.trim() + detail;
}

/**
 * What the ladder does next for an alert it has not finished, under the timeline.
 * @example describePending({ step: "socket", dueAt: "2025-01-02T12:01:13Z" }, today)
 * // "Waiting for a tab to show it; push at 12:01:13 if none does"
 */
export function describePending(escalation: PendingEscalation, now: Date = new Date()): string {
  const due = timeOf(escalation.dueAt, now);
  switch (escalation.step) {
    case "socket":
      return `Waiting for a tab to show it; push at ${due} if none does`;
    case "push":
      return Date.parse(escalation.dueAt) > now.getTime() ? `Push will be tried again at ${due}` : "Sending push…";
    case "push_wait":
      return `Waiting for a device to show the notification; email at ${due} if none does`;
    case "email":
      return Date.parse(escalation.dueAt) > now.getTime() ? `Email will be tried again at ${due}` : "Sending email…";
    case "email_sending":
      return "Sending email…";
  }
}

function timeOf(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return at.toDateString() === now.toDateString() ? clock.format(at) : `${day.format(at)}, ${clock.format(at)}`;
}
