/**
 * What a user's preferences allow for one alert at one moment. The ladder asks this before
 * each rung; the socket rung asks only whether to toast (an alert always reaches the inbox
 * and the badge). `critical` alerts cannot be muted: every channel stays allowed.
 */
import { type Alert, severityRank } from "../../shared/alert";
import type { Preferences } from "../../shared/preferences";

export interface DeliveryPolicy {
  /** Show a toast in open tabs; false still delivers the frame (inbox, badge) but silently. */
  toast: boolean;
  push: boolean;
  email: boolean;
  /** Why a channel is off, for the delivery record ("do_not_disturb", "quiet_hours", ...). */
  reasons: Partial<Record<"toast" | "push" | "email", string>>;
}

export function deliveryPolicy(preferences: Preferences, alert: Pick<Alert, "service" | "severity">, at: Date): DeliveryPolicy {
  if (alert.severity === "critical") return { toast: true, push: true, email: true, reasons: {} };
  const switches = preferences.channels[alert.service];
  const reasons: DeliveryPolicy["reasons"] = {};
  const rank = severityRank(alert.severity);
  const quiet = preferences.quietHours.enabled && withinQuietHours(preferences.quietHours, at);

  if (preferences.doNotDisturb) reasons.toast = "do_not_disturb";
  else if (!switches.toast) reasons.toast = "toast_off_for_service";

  if (preferences.doNotDisturb) reasons.push = "do_not_disturb";
  else if (!switches.push) reasons.push = "push_off_for_service";
  else if (rank < severityRank(preferences.minSeverity.push)) reasons.push = "below_push_severity";
  else if (quiet) reasons.push = "quiet_hours";

  if (!switches.email) reasons.email = "email_off_for_service";
  else if (rank < severityRank(preferences.minSeverity.email)) reasons.email = "below_email_severity";
  else if (quiet) reasons.email = "quiet_hours";

  return { toast: !reasons.toast, push: !reasons.push, email: !reasons.email, reasons };
}

/**
 * One formatter per zone, kept: building an Intl.DateTimeFormat cost ~75 µs here, more than
 * the rest of a publish's CPU, while formatting with a built one is a few µs. The zones are
 * IANA names validated by the schema (~600 of them); Intl also accepts them in any letter
 * case, so the cache is still capped rather than trusted to stay small.
 */
const MAX_CACHED_ZONES = 1000;
const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    if (clockFormatters.size >= MAX_CACHED_ZONES) clockFormatters.clear();
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes past midnight of `at` in `timeZone`, compared with a window that may wrap past midnight. */
export function withinQuietHours(quiet: Preferences["quietHours"], at: Date): boolean {
  const parts = clockIn(quiet.timeZone).formatToParts(at);
  const minutes = Number(parts.find((p) => p.type === "hour")!.value) * 60 + Number(parts.find((p) => p.type === "minute")!.value);
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
}
