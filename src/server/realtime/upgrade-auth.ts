/**
 * Decides whether an upgrade to /ws/alerts may proceed: exact path, allowed origin,
 * valid session token, and room under the user's socket cap. Refusals are HTTP responses sent before the handshake, so
 * non-browser clients see the status (browsers only see a failed connection).
 */
import { CURSOR_PARAM, WS_PATH } from "../../shared/protocol";
import { isOriginAllowed } from "../auth/origin";
import { type SessionClaims, verifySessionToken } from "../auth/token";
import { tokenFromRequest } from "../auth/token-source";
import type { BeaconConfig } from "../config";

export type UpgradeDecision =
  /** `after`: the client's catch-up cursor, or null on a first connection. */
  | { ok: true; claims: SessionClaims; after: number | null }
  | { ok: false; status: 400 | 401 | 403 | 404 | 429; code: string; message: string };

const STATUS_TEXT = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" } as const;

export async function authorizeUpgrade(
  request: { url: string; headers: Headers },
  config: Pick<BeaconConfig, "authSecret" | "allowedOrigins" | "maxSocketsPerUser">,
  socketsOf: (userId: string) => number,
): Promise<UpgradeDecision> {
  // The router's base is a prefix (/ws also matches /ws2, /ws/other): check the exact path.
  const url = new URL(request.url, "http://localhost");
  if (url.pathname !== WS_PATH) {
    return { ok: false, status: 404, code: "not_found", message: "no WebSocket route here" };
  }
  if (!isOriginAllowed(request.headers, request.url, config.allowedOrigins)) {
    return { ok: false, status: 403, code: "forbidden_origin", message: "origin not allowed" };
  }
  const result = await verifySessionToken(config.authSecret, tokenFromRequest(request.url, request.headers));
  if (!result.ok) return { ok: false, status: 401, code: `token_${result.reason}`, message: "invalid or missing session token" };
  // One token must not be able to hold unbounded sockets (and memory) on the server.
  if (socketsOf(result.claims.userId) >= config.maxSocketsPerUser) {
    return { ok: false, status: 429, code: "too_many_connections", message: "this user has too many open connections" };
  }
  const after = parseCursor(url.searchParams.get(CURSOR_PARAM));
  if (after === undefined) {
    return { ok: false, status: 400, code: "invalid_cursor", message: `${CURSOR_PARAM} must be the seq of an alert (a whole number ≥ 0)` };
  }
  return { ok: true, claims: result.claims, after };
}

/** A refusal as crossws wants it: a Response thrown from `upgrade`. */
export function refusal(decision: Extract<UpgradeDecision, { ok: false }>): Response {
  return new Response(JSON.stringify({ error: { code: decision.code, message: decision.message } }), {
    status: decision.status,
    statusText: STATUS_TEXT[decision.status],
    headers: { "content-type": "application/json" },
  });
}

/**
 * A 503 before any other check: the server is draining, or over its admissions per second.
 * Node clients (tests, the CLI) read Retry-After; browsers only see a failed connection and
 * fall back to their backoff with jitter (see the README).
 */
export function unavailableRefusal(reason: "server_draining" | "server_busy", retryAfterSeconds: number): Response {
  const message =
    reason === "server_draining" ? "this server is shutting down; connect again (another server will answer)" : "too many new connections right now; retry after the given delay";
  return new Response(JSON.stringify({ error: { code: reason, message } }), {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "content-type": "application/json", "retry-after": String(retryAfterSeconds) },
  });
}

/** null when absent (a first connection), undefined when malformed. */
function parseCursor(value: string | null): number | null | undefined {
  if (value === null || value === "") return null;
  if (!/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
