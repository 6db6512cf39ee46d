/**
 * Cross-site WebSocket hijacking guard: a browser sends the page's Origin on every
 * upgrade and attaches our cookie whatever the origin, so we accept only our own origin
 * (as the request's Host says) plus the configured allow-list. Non-browser clients send
 * no Origin and authenticate with a token they hold, so a missing Origin is allowed.
 */
export function isOriginAllowed(headers: Headers, requestUrl: string, allowList: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (!origin) return true;
  let originHost: string;
  let normalized: string;
  try {
    const parsed = new URL(origin);
    originHost = parsed.host;
    normalized = parsed.origin;
  } catch {
    return false;
  }
  if (allowList.includes(normalized)) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? new URL(requestUrl).host;
  return originHost === host;
}
