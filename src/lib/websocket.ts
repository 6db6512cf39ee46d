/**
 * The browser's reconnecting connection to /ws/alerts. A plain `make*` function: it exposes
 * signals but owns no Solid cleanup (the hook calls `disconnect()`), so it runs and is tested
 * without a component tree.
 */
import type { Accessor } from "solid-js";
import { createSignal } from "solid-js";
import type { Alert } from "~/shared/alert";
import { closeAdvice, CloseCode } from "~/shared/close-codes";
import { CURSOR_PARAM, HEARTBEAT, type ClientFrame, type EventFrame, type StatsFrame } from "~/shared/protocol";
import { makeAlertInbox } from "./alert-inbox";
import { backoffDelay, DEFAULT_BACKOFF_MS, DEFAULT_JITTER_RATIO } from "./backoff";
import { timersFrom, type Clock, type TimerHandle } from "./clock";
import { openConnection, type Connection } from "./connection";
import { makeFrameReader, type IncomingFrame } from "./frames";
import { makeHeartbeat } from "./heartbeat";
import { makeListeners } from "./listeners";
import { checkSessionOverHttp, type SessionVerdict } from "./session-check";
import { browserIsOnline, browserWakeups } from "./wakeups";

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "offline" | "unauthorized";

export interface AlertSocketOptions {
  /** Full ws(s):// URL of /ws/alerts; a function is called again for every attempt. The client adds `?after=`. */
  url: string | (() => string);
  /** Where to resume on the first connection (a cursor saved by an earlier page load); null gets the unread ones. */
  initialCursor?: number | null;
  /** Default globalThis.WebSocket; tests pass `ws`'s WebSocket or a fake. */
  WebSocketImpl?: typeof WebSocket;
  /** Default [1000, 2000, 5000, 10000, 30000]; the last one repeats. */
  backoffMs?: readonly number[];
  /** Default 10, then state "offline" until retryNow()/online/visible. */
  maxAttempts?: number;
  /** Default 0.2 (±20%). */
  jitterRatio?: number;
  /** Default 30000. */
  pingIntervalMs?: number;
  /** Default 10000; also how long `hello` may take after the upgrade. */
  pongTimeoutMs?: number;
  /** Asked after a connection fails or closes without ever opening: "invalid" → state "unauthorized", no retries. Default: fetch GET /api/session (401 → invalid, 200 → valid, network error → unknown). */
  checkSession?: () => Promise<SessionVerdict>;
  random?: () => number;
  clock?: Clock;
  /**
   * Subscribes to "browser came back online" and "tab became visible" to reconnect at once, and
   * to "browser went offline" to check the socket at once; default uses window/document when present.
   */
  wakeups?: (reconnectNow: () => void, wentOffline: () => void) => () => void;
  /** Whether the browser believes it has a network; while false, retries wait for `online`. Default navigator.onLine. */
  isOnline?: () => boolean;
}

export interface AlertSocket {
  state: Accessor<ConnectionState>;
  /** Received this session, newest first, deduped by id, capped at 200. */
  alerts: Accessor<readonly Alert[]>;
  /** The server's count (hello / unread frames) plus alerts received since it was taken. */
  unreadCount: Accessor<number>;
  /** The seq of the newest alert received: reconnects resume after it. Persist it to resume after a reload. */
  cursor: Accessor<number | null>;
  /** Reconnect attempt number (0 when open). */
  attempt: Accessor<number>;
  /** Ms epoch of the scheduled retry, for "retrying in Ns". */
  nextRetryAt: Accessor<number | null>;
  /**
   * Event per new (not duplicate) alert worth a toast: live ones at once (not `silent` ones: the
   * user's preferences said no toast); replayed ones when the
   * catch-up ends, and only for a short blip (see REPLAY_TOAST_MAX_COUNT). Survives disconnect(); call the returned function to unsubscribe.
   */
  onAlert(listener: (alert: Alert) => void): () => void;
  /** After each catch-up: how many replayed alerts were added without their own event (0 or more; for one summary). */
  onCaughtUp(listener: (quietCount: number) => void): () => void;
  /** The operators' dashboard frames (sent to admin sessions only). Survives disconnect(); returns the unsubscribe function. */
  onAdminFrame(listener: (frame: StatsFrame | EventFrame) => void): () => void;
  /** Opens the socket; does nothing while one is open or being retried. */
  connect(): void;
  /** Deliberate close (code 1000), state "idle", no reconnect; clears every timer and subscription. */
  disconnect(): void;
  /** Manual retry from "offline" (resets attempts). */
  retryNow(): void;
  /** Sets unreadCount to 0 locally (the hook also POSTs /api/inbox/read-all; the server then sends the real count). */
  markAllRead(): void;
}

export type { SessionVerdict } from "./session-check";

/**
 * A catch-up toasts its alerts one by one only when it is a short blip: at most
 * REPLAY_TOAST_MAX_COUNT alerts, none older than REPLAY_TOAST_MAX_AGE_MS (server clock).
 * Anything more becomes one "N alerts while you were away".
 */
export const REPLAY_TOAST_MAX_AGE_MS = 2 * 60_000;
export const REPLAY_TOAST_MAX_COUNT = 3;

/** What a browser reports for a connection that failed without a close frame. */
const ABNORMAL_CLOSURE = 1006;
const PING_FRAME = JSON.stringify({ type: "ping" } satisfies ClientFrame);
/** Acks waiting for a connection are capped: past this the oldest go (the server then escalates them, which is safe). */
const MAX_PENDING_ACKS = 500;

/**
 * @example
 * const socket = makeAlertSocket({ url: `${location.origin.replace(/^http/, "ws")}/ws/alerts` });
 * socket.onAlert((alert) => toast(alert.title));
 * socket.connect();
 */
export function makeAlertSocket(options: AlertSocketOptions): AlertSocket {
  const timers = timersFrom(options.clock);
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const maxAttempts = options.maxAttempts ?? 10;
  const jitterRatio = options.jitterRatio ?? DEFAULT_JITTER_RATIO;
  const random = options.random ?? Math.random;
  const checkSession = options.checkSession ?? checkSessionOverHttp;
  const subscribeWakeups = options.wakeups ?? browserWakeups;
  const isOnline = options.isOnline ?? browserIsOnline;

  const [state, setState] = createSignal<ConnectionState>("idle");
  const [attempt, setAttempt] = createSignal(0);
  const [nextRetryAt, setNextRetryAt] = createSignal<number | null>(null);
  const inbox = makeAlertInbox();
  const alertListeners = makeListeners<Alert>("onAlert");
  const caughtUpListeners = makeListeners<number>("onCaughtUp");
  const adminListeners = makeListeners<StatsFrame | EventFrame>("onAdminFrame");
  const frames = makeFrameReader();
  // Server clock minus ours, from `hello`, to judge a replayed alert's age on the server's clock.
  let clockSkewMs = 0;
  // The catch-up in progress: new replayed alerts, and whether any was too old for its own toast.
  let replayedSinceHello: Alert[] = [];
  let staleSinceHello = false;
  // The server's "reconnect after N ms" (it is draining), honoured instead of our backoff.
  let serverDelayMs: number | null = null;
  const heartbeat = makeHeartbeat({
    timers,
    pingIntervalMs: options.pingIntervalMs ?? HEARTBEAT.pingIntervalMs,
    pongTimeoutMs: options.pongTimeoutMs ?? HEARTBEAT.pongTimeoutMs,
    sendPing: () => connection?.send(PING_FRAME),
    onDead: (reason) => abandonSocket(CloseCode.HeartbeatTimeout, `heartbeat: ${reason}`),
  });

  let connection: Connection | null = null;
  // Alerts this tab listed but could not acknowledge yet (no open socket); sent after the next hello.
  const pendingAcks = new Set<string>();
  let retryTimer: TimerHandle | null = null;
  let unsubscribeWakeups: (() => void) | null = null;
  // Bumped by every stop, so a session check answered after disconnect() cannot act on a new run.
  let run = 0;
  let sessionCheckRun: number | null = null;

  function webSocketImpl(): typeof WebSocket {
    const Impl = options.WebSocketImpl ?? globalThis.WebSocket;
    if (!Impl) throw new Error("makeAlertSocket: no WebSocket in this environment; pass WebSocketImpl");
    return Impl;
  }

  function socketUrl(): string {
    const base = typeof options.url === "function" ? options.url() : options.url;
    const cursor = inbox.cursor() ?? options.initialCursor ?? null;
    if (cursor === null) return base;
    const url = new URL(base);
    url.searchParams.set(CURSOR_PARAM, String(cursor));
    return url.toString();
  }

  function openSocket(): void {
    const url = socketUrl();
    try {
      connection = openConnection(webSocketImpl(), url, {
        onOpen: () => heartbeat.start(),
        onMessage: (data) => {
          const frame = frames.read(data);
          if (frame) handleFrame(frame);
        },
        onEnded: (opened, code) => {
          connection = null;
          onSocketEnded(opened, code);
        },
      });
    } catch (error) {
      console.warn("[alert socket] could not create a WebSocket", error);
      onSocketEnded(false, ABNORMAL_CLOSURE);
    }
  }

  function handleFrame(frame: IncomingFrame): void {
    switch (frame.type) {
      case "hello":
        heartbeat.onHello();
        clockSkewMs = Date.parse(frame.serverTime) - timers.now();
        replayedSinceHello = [];
        staleSinceHello = false;
        inbox.welcome(frame.userId, frame.unreadCount, frame.cursor);
        setState("open");
        flushAcks();
        setAttempt(0);
        setNextRetryAt(null);
        break;
      case "pong":
        heartbeat.onPong();
        break;
      case "alert":
        if (!inbox.receive(frame.alert)) break;
        // Listed in this tab (and toasted below unless silent): that is the evidence the ladder waits for.
        acknowledge(frame.alert.id);
        if (!frame.replayed) {
          if (!frame.silent) alertListeners.emit(frame.alert);
          break;
        }
        // A silent one is listed and counted, but neither toasted nor part of the "while you were away" summary.
        if (frame.silent) break;
        replayedSinceHello.push(frame.alert);
        if (isOld(frame.alert)) staleSinceHello = true;
        break;
      case "synced":
        inbox.syncCursor(frame.cursor);
        finishCatchUp();
        break;
      case "unread":
        inbox.setUnreadState(frame.unreadCount, frame.cursor);
        break;
      case "error":
        frames.warnOnce(`server error ${frame.code}`, frame.message);
        break;
      case "stats":
      case "event":
        adminListeners.emit(frame);
        break;
      case "reconnect":
        serverDelayMs = frame.afterMs;
        break;
    }
  }

  /** Once per alert per tab (the inbox dedupes by id before this is called). */
  function acknowledge(id: string): void {
    if (state() === "open" && connection?.send(JSON.stringify({ type: "ack", id } satisfies ClientFrame))) return;
    pendingAcks.add(id);
    if (pendingAcks.size > MAX_PENDING_ACKS) pendingAcks.delete(pendingAcks.values().next().value!);
  }

  function flushAcks(): void {
    const ids = [...pendingAcks];
    pendingAcks.clear();
    for (const id of ids) acknowledge(id);
  }

  function finishCatchUp(): void {
    const replayed = replayedSinceHello;
    const blip = !staleSinceHello && replayed.length <= REPLAY_TOAST_MAX_COUNT;
    replayedSinceHello = [];
    staleSinceHello = false;
    if (blip) for (const alert of replayed) alertListeners.emit(alert);
    caughtUpListeners.emit(blip ? 0 : replayed.length);
  }

  function isOld(alert: Alert): boolean {
    return timers.now() + clockSkewMs - Date.parse(alert.createdAt) > REPLAY_TOAST_MAX_AGE_MS;
  }

  /**
   * A dead connection's close event can take minutes to arrive (no FIN on a dropped network),
   * so stop listening to it and move on now.
   */
  function abandonSocket(code: number, reason: string): void {
    releaseConnection(code, reason);
    onSocketEnded(true, code);
  }

  function releaseConnection(code: number, reason: string): void {
    connection?.release(code, reason);
    connection = null;
  }

  function onSocketEnded(opened: boolean, code: number): void {
    heartbeat.stop();
    const advice = closeAdvice(code);
    if (advice === "stop") {
      stop("unauthorized");
      return;
    }
    const delay = serverDelayMs;
    serverDelayMs = null;
    // A draining server spreads its sockets' delays over a window itself; our backoff would bunch them up again.
    if (delay !== null && (advice === "retry_after_delay" || code === CloseCode.GoingAway)) {
      scheduleReconnect(delay);
      return;
    }
    scheduleReconnect();
    if (!opened || code === CloseCode.TokenExpired) verifySession();
  }

  /** `givenDelayMs`: the draining server's delay, used instead of the backoff schedule. */
  function scheduleReconnect(givenDelayMs?: number): void {
    // Attempts made while the browser knows it has no network only burn the budget; `online` resumes.
    if (attempt() >= maxAttempts || !isOnline()) {
      setState("offline");
      setNextRetryAt(null);
      return;
    }
    const next = attempt() + 1;
    const delay = givenDelayMs ?? backoffDelay(next, backoffMs, jitterRatio, random);
    setAttempt(next);
    setState("reconnecting");
    setNextRetryAt(timers.now() + delay);
    retryTimer = timers.set(() => {
      retryTimer = null;
      setNextRetryAt(null);
      openSocket();
    }, delay);
  }

  /** Runs beside the backoff rather than before it, so a slow /api/session never stalls reconnecting. */
  function verifySession(): void {
    if (sessionCheckRun === run) return;
    const thisRun = run;
    sessionCheckRun = thisRun;
    Promise.resolve()
      .then(checkSession)
      .catch((): SessionVerdict => "unknown")
      .then((verdict) => {
        if (thisRun !== run) return;
        sessionCheckRun = null;
        // A reconnect that got through meanwhile outranks the verdict: the server let us in.
        if (verdict === "invalid" && state() !== "open") stop("unauthorized");
      });
  }

  function cancelRetry(): void {
    timers.clear(retryTimer);
    retryTimer = null;
    setNextRetryAt(null);
  }

  function stop(finalState: "idle" | "unauthorized"): void {
    run += 1;
    sessionCheckRun = null;
    cancelRetry();
    heartbeat.stop();
    releaseConnection(CloseCode.Normal, finalState === "idle" ? "client disconnect" : "unauthorized");
    unsubscribeWakeups?.();
    unsubscribeWakeups = null;
    setAttempt(0);
    setState(finalState);
  }

  function isActive(): boolean {
    const current = state();
    return current === "connecting" || current === "open" || current === "reconnecting";
  }

  function retryNow(): void {
    const current = state();
    if (current !== "offline" && current !== "reconnecting") return;
    setAttempt(0);
    // An attempt already in flight is not doubled; if it fails, the schedule starts over at 1 s.
    if (connection) return;
    cancelRetry();
    setState("reconnecting");
    openSocket();
  }

  function onWentOffline(): void {
    // The socket may survive a short blip, so ask rather than drop it; a dead link fails the probe.
    if (state() === "open") heartbeat.probe();
    else if (state() === "reconnecting" && !connection) {
      cancelRetry();
      setState("offline");
    }
  }

  function onWakeup(): void {
    // Back from sleep with the socket "open": ask now instead of trusting it until the next ping.
    if (state() === "open") heartbeat.probe();
    else retryNow();
  }

  return {
    state,
    alerts: inbox.alerts,
    unreadCount: inbox.unreadCount,
    cursor: inbox.cursor,
    attempt,
    nextRetryAt,
    onAlert: alertListeners.add,
    onCaughtUp: caughtUpListeners.add,
    onAdminFrame: adminListeners.add,
    connect() {
      if (isActive()) return;
      webSocketImpl(); // fail loudly here (SSR, old runtime) rather than later inside a timer
      unsubscribeWakeups ??= subscribeWakeups(onWakeup, onWentOffline);
      setAttempt(0);
      setState("connecting");
      openSocket();
    },
    disconnect() {
      stop("idle");
    },
    retryNow,
    markAllRead: inbox.markAllRead,
  };
}
