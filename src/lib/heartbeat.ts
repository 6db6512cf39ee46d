/**
 * Liveness for one open socket. A dropped TCP connection can look open for minutes (laptop
 * sleep, NAT timeouts), so the client proves the server is there: `hello` must arrive soon
 * after the upgrade, and every ping must be answered by a pong before its deadline.
 */
import type { TimerHandle, Timers } from "./clock";

export type DeadReason = "no-hello" | "no-pong";

export interface HeartbeatOptions {
  timers: Timers;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  sendPing: () => void;
  /** Called at most once per `start()`; the heartbeat is stopped by then. */
  onDead: (reason: DeadReason) => void;
}

export interface Heartbeat {
  /** The socket opened: `hello` is now due within the pong timeout. */
  start(): void;
  /** `hello` arrived: start pinging. */
  onHello(): void;
  /** A pong arrived: the pending ping, if any, is answered. */
  onPong(): void;
  /** Ping now unless a ping is already waiting for its pong (e.g. the tab woke up). */
  probe(): void;
  stop(): void;
}

/**
 * @example
 * const heartbeat = makeHeartbeat({ timers, pingIntervalMs: 30_000, pongTimeoutMs: 10_000, sendPing, onDead });
 * socket.onopen = () => heartbeat.start();
 */
export function makeHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { timers, pingIntervalMs, pongTimeoutMs } = options;
  let phase: "stopped" | "awaiting-hello" | "alive" = "stopped";
  let pingTimer: TimerHandle | null = null;
  let deadline: TimerHandle | null = null;

  function stop(): void {
    phase = "stopped";
    timers.clear(pingTimer);
    timers.clear(deadline);
    pingTimer = null;
    deadline = null;
  }

  function armDeadline(reason: DeadReason): void {
    deadline = timers.set(() => {
      stop();
      options.onDead(reason);
    }, pongTimeoutMs);
  }

  function ping(): void {
    // One outstanding ping at a time: its deadline must not be pushed back by later pings.
    if (phase !== "alive" || deadline !== null) return;
    armDeadline("no-pong");
    options.sendPing();
  }

  function schedulePing(): void {
    pingTimer = timers.set(() => {
      ping();
      if (phase === "alive") schedulePing();
    }, pingIntervalMs);
  }

  return {
    start() {
      stop();
      phase = "awaiting-hello";
      armDeadline("no-hello");
    },
    onHello() {
      if (phase !== "awaiting-hello") return;
      timers.clear(deadline);
      deadline = null;
      phase = "alive";
      schedulePing();
    },
    onPong() {
      if (phase !== "alive") return;
      timers.clear(deadline);
      deadline = null;
    },
    probe: ping,
    stop,
  };
}
