/**
 * "Time ago" labels for alert rows. English regardless of locale, like format-time.ts; past a
 * week the date says more than "23 d ago".
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const sameYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const otherYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });

/**
 * @example
 * formatTimeAgo("2025-01-02T10:00:00Z", Date.parse("2025-01-02T10:05:00Z")) // "5 min ago"
 * formatTimeAgo("2025-01-02T10:00:00Z", Date.parse("2025-01-02T10:00:20Z")) // "just now"
 */
export function formatTimeAgo(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  // Clocks disagree by a few seconds; an alert "from the future" just arrived.
  const elapsed = Math.max(0, now - at);
  if (elapsed < 45_000) return "just now";
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)} d ago`;
  const date = new Date(at);
  return (date.getFullYear() === new Date(now).getFullYear() ? sameYear : otherYear).format(date);
}
