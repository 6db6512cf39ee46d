/**
 * WebSocket close codes Beacon uses, in one place, with what the client must do.
 * 1000–1015 are the protocol's own; 4000–4499 mean "retry", 4500–4999 mean "stop".
 * (Centrifugo splits its disconnect codes the same way.)
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
  /** The session is not valid (signed out, bad token). Do not retry; go to sign-in. */
  Unauthorized: 4501,
  /** The origin is not allowed. Retrying will not help. */
  ForbiddenOrigin: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True when the client should not reconnect after a close with this code. */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4500 && code <= 4999;
}
