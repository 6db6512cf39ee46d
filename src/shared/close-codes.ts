/**
 * WebSocket close codes Beacon uses, in one place, with what the client must do.
 * 1000–1015 are the protocol's own. Beacon's own come in ranges (Centrifugo splits its
 * disconnect codes the same way):
 * - 4000–4009: retry with backoff (the client's own schedule, with jitter);
 * - 4010–4099: retry after the delay the server gave (a `reconnect` frame's `afterMs` just
 *   before the close), not the client's backoff — used to spread a deploy's reconnects;
 * - 4500–4999: stop; go to sign-in.
 * A refused upgrade is not a close code: it is an HTTP status (401, 403, 429, 503 with
 * Retry-After), which browsers cannot read — see the README's "Running several instances".
 */
export const CloseCode = {
  /** Normal close initiated by the client (sign-out, tab unmount). */
  Normal: 1000,
  /** Server shutting down or restarting: reconnect with backoff. */
  GoingAway: 1001,
  /** The client sent a frame larger than the cap. Reconnecting is fine. */
  MessageTooBig: 1009,
  /** No ping from the client within the heartbeat deadline: the server culled it. */
  HeartbeatTimeout: 4000,
  /** The token expired while the socket was open: re-check the session, then reconnect or sign in. */
  TokenExpired: 4001,
  /** The store could not be read for this connection's catch-up: reconnect with backoff and the same cursor. */
  StoreUnavailable: 4002,
  /**
   * The client stopped reading: what the server had written to it stayed over
   * WS_MAX_BUFFERED_BYTES for WS_DRAIN_TIMEOUT_MS. Reconnect with backoff and the same cursor;
   * the catch-up sends what this socket did not get.
   */
  SlowConsumer: 4003,
  /**
   * The server is draining (deploy, restart, scale-in): reconnect after the `reconnect`
   * frame's `afterMs` (the load balancer sends you to another server), resuming from the cursor.
   */
  ServerDraining: 4010,
  /** The session is not valid (signed out, bad token). Do not retry; go to sign-in. */
  Unauthorized: 4501,
  /** The origin is not allowed. Retrying will not help. */
  ForbiddenOrigin: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** What a client does after a close: its own backoff, the server's delay, or nothing. */
export type CloseAdvice = "retry_with_backoff" | "retry_after_delay" | "stop";

export function closeAdvice(code: number): CloseAdvice {
  if (code >= 4500 && code <= 4999) return "stop";
  if (code >= 4010 && code <= 4099) return "retry_after_delay";
  return "retry_with_backoff";
}

/** True when the client should not reconnect after a close with this code. */
export function isTerminalCloseCode(code: number): boolean {
  return closeAdvice(code) === "stop";
}
