/** Alert timestamps: the time alone for today, date and time otherwise. English text regardless of locale. */
const timeOnly = new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", second: "2-digit" });
const dateAndTime = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/**
 * @example
 * formatAlertTime("2025-01-02T10:04:05.000Z") // "10:04:05 AM" (today) or "Jan 2, 10:04 AM"
 */
export function formatAlertTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dateAndTime.format(date);
}

const full = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/**
 * The exact moment, for tooltips and the detail view.
 * @example formatFullTime("2025-01-02T10:04:05.000Z") // "Jan 2, 2025, 10:04:05 AM"
 */
export function formatFullTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : full.format(date);
}
