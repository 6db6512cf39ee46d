/** Where a session token is read from on a request: the `auth_token` cookie or `?token=`. */

export const AUTH_COOKIE = "auth_token";

export function tokenFromRequest(url: string, headers: Headers): string | undefined {
  const fromQuery = new URL(url, "http://localhost").searchParams.get("token");
  if (fromQuery) return fromQuery;
  return readCookie(headers.get("cookie"), AUTH_COOKIE);
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
