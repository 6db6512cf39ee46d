/**
 * Closes sockets whose client went silent past the heartbeat deadline, or whose session
 * token expired while connected. Browsers cannot send protocol pings, so silence is
 * measured on app frames (the client's `ping`). The check is a cheap comparison per
 * socket; nothing is sent from here, so no burst of writes hits the event loop.
 */
import { CloseCode } from "../../shared/close-codes";
import type { Connection } from "./connection";
import type { PeerRegistry } from "./peer-registry";

export interface IdleSweeperOptions {
  idleTimeoutMs: number;
  /** How often to look; a fraction of the timeout keeps the culling latency small. */
  intervalMs?: number;
  now?: () => number;
}

export class IdleSweeper {
  readonly #registry: PeerRegistry;
  readonly #idleTimeoutMs: number;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(registry: PeerRegistry, options: IdleSweeperOptions) {
    this.#registry = registry;
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#intervalMs = options.intervalMs ?? Math.max(250, Math.min(5000, Math.floor(options.idleTimeoutMs / 4)));
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.sweep(), this.#intervalMs);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One pass; returns how many sockets were closed. */
  sweep(): number {
    const now = this.#now();
    const doomed: Array<[Connection, number, string]> = [];
    for (const connection of this.#registry.all()) {
      if (now - connection.lastSeenAt > this.#idleTimeoutMs) {
        doomed.push([connection, CloseCode.HeartbeatTimeout, "heartbeat timeout"]);
      } else if (now >= connection.expiresAt) {
        doomed.push([connection, CloseCode.TokenExpired, "session expired"]);
      }
    }
    for (const [connection, code, reason] of doomed) {
      // Forget it first so no alert is counted as delivered to a socket we are dropping.
      this.#registry.remove(connection.socket);
      try {
        connection.socket.close(code, reason);
      } catch {
        // Already gone.
      }
    }
    return doomed.length;
  }
}
