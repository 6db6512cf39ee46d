/**
 * One line per step of an alert's delivery record, for the detail view:
 * "delivered live 12:01:03 · 2 socket(s)".
 */
import type { ChannelName, DeliveryRecord } from "~/shared/inbox";

const CHANNEL_WORDS: Record<ChannelName, string> = { websocket: "live", push: "by push", email: "by email" };
const STATUS_WORDS: Record<DeliveryRecord["status"], string> = { delivered: "delivered", skipped: "not sent", failed: "failed" };
/** Reasons the server records as codes, in words a user understands. */
const DETAIL_WORDS: Record<string, string> = { no_live_socket: "no tab was open; kept for your next visit" };
const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });

/**
 * @example
 * describeDelivery({ channel: "websocket", status: "delivered", at: "2025-01-02T12:01:03Z", detail: "2 socket(s)" }, today)
 * // "delivered live 12:01:03 · 2 socket(s)"
 */
export function describeDelivery(record: DeliveryRecord, now: Date = new Date()): string {
  const at = new Date(record.at);
  const when = Number.isNaN(at.getTime())
    ? ""
    : at.toDateString() === now.toDateString()
      ? clock.format(at)
      : `${day.format(at)}, ${clock.format(at)}`;
  const detail = record.detail ? ` · ${DETAIL_WORDS[record.detail] ?? record.detail}` : "";
  return `${STATUS_WORDS[record.status] ?? record.status} ${CHANNEL_WORDS[record.channel] ?? record.channel} ${when}`.trim() + detail;
}
