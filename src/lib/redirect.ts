/**
 * Where to send the user around sign-in. `next` comes from the query string, so it is
 * untrusted: only a same-origin path is followed, never `//host` or a full URL (open redirect).
 */

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/**
 * The path to go to after signing in, or the dashboard when `next` is missing or not a same-origin path.
 *
 * @example
 * safeNextPath("/dashboard?tab=1") // "/dashboard?tab=1"
 * safeNextPath("//evil.example")   // "/dashboard"
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  // Control characters and backslashes can be normalised by browsers into a host; refuse them.
  if (/[\u0000-\u001f\\]/.test(next)) return DEFAULT_AFTER_SIGN_IN;
  if (next === "/login" || next.startsWith("/login?")) return DEFAULT_AFTER_SIGN_IN;
  return next;
}

/**
 * The sign-in URL that brings the user back to `currentPath` afterwards.
 *
 * @example
 * loginPath("/dashboard") // "/login?next=%2Fdashboard"
 */
export function loginPath(currentPath: string): string {
  return `/login?next=${encodeURIComponent(currentPath)}`;
}
