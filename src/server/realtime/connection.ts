/** One open /ws/alerts socket as the server tracks it. */
import type { AlertStream } from "./alert-stream";

/** The part of a crossws peer Beacon uses; tests and benchmarks can supply their own. */
export interface SocketLike {
  readonly id: string;
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
}

export interface Connection {
  readonly socket: SocketLike;
  readonly userId: string;
  readonly role: "user" | "admin";
  readonly openedAt: number;
  /** When the session token stops being valid (ms since epoch). */
  readonly expiresAt: number;
  /** Last frame received from the client (ms since epoch); drives idle culling. */
  lastSeenAt: number;
  /** Orders this socket's alerts: replay from the store, then live, each once. */
  readonly stream: AlertStream;
}
