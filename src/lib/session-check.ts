/**
 * Why the client asks over HTTP: a refused WebSocket upgrade reaches the browser only as
 * error + close 1006, never the 401, so "signed out" and "server down" look the same on the socket.
 */

export type SessionVerdict = "valid" | "invalid" | "unknown";

const SESSION_CHECK_TIMEOUT_MS = 10_000;

/**
 * GET /api/session: 401 → "invalid", 2xx → "valid", anything else or no answer → "unknown".
 * @example if ((await checkSessionOverHttp()) === "invalid") goToSignIn();
 */
export async function checkSessionOverHttp(): Promise<SessionVerdict> {
  try {
    const response = await fetch("/api/session", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(SESSION_CHECK_TIMEOUT_MS),
    });
    if (response.status === 401) return "invalid";
    return response.ok ? "valid" : "unknown";
  } catch {
    return "unknown";
  }
}
