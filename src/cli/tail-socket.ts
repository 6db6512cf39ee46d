/**
 * A reconnecting /ws/alerts client for the terminal, behaving like the browser's
 * (src/lib/websocket.ts): the same backoff schedule with jitter, resume after the last seq
 * seen (`?after=`), app-level pings with a pong deadline, and no retry after a "stop" close
 * code (bad or expired token). Frames are parsed with the shared protocol schemas.
 */
import WebSocket from "ws";
import { AUTH_COOKIE } from "../server/auth/token-source";
import { backoffDelay, DEFAULT_BACKOFF_MS, DEFAULT_JITTER_RATIO } from "../lib/backoff";
import type { Alert } from "../shared/alert";
import { isTerminalCloseCode } from "../shared/close-codes";
import { type ClientFrame, CURSOR_PARAM, HEARTBEAT, parseServerFrame, type HelloFrame, WS_PATH } from "../shared/protocol";

export interface TailHandlers {
  onAlert(alert: Alert, replayed: boolean): void;
  onHello(hello: HelloFrame): void;
  /** Connection news for a human (stderr). */
  onStatus(message: string): void;
}

export interface TailOptions {
  baseUrl: URL;
  token: string;
  after: number | null;
  /**
   * Acknowledge each alert once handed to onAlert, as a browser tab does once it lists one:
   * the ladder then stops at the socket instead of going on to push and email.
   */
  acknowledge?: boolean;
  handlers: TailHandlers;
  backoffMs?: readonly number[];
}

export interface TailSocket {
  /** Resolves when stopped (by stop(), or by a close code that says not to retry: then with its reason). */
  done: Promise<{ stoppedBy: "caller" } | { stoppedBy: "server"; code: number; reason: string }>;
  stop(): void;
}

export function startTail(options: TailOptions): TailSocket {
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  let cursor = options.after;
  let attempt = 0;
  let socket: WebSocket | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let pongTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** Acks that found no open socket (it was closing): sent after the next hello. */
  const pendingAcks = new Set<string>();
  let finish!: (result: Awaited<TailSocket["done"]>) => void;
  const done = new Promise<Awaited<TailSocket["done"]>>((resolve) => (finish = resolve));

  function url(): string {
    const target = new URL(WS_PATH, options.baseUrl);
    target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
    if (cursor !== null) target.searchParams.set(CURSOR_PARAM, String(cursor));
    return target.toString();
  }

  function open(): void {
    // The token goes in the session cookie, not the URL, so it never lands in a proxy's access log.
    const ws = new WebSocket(url(), { headers: { cookie: `${AUTH_COOKIE}=${encodeURIComponent(options.token)}` } });
    socket = ws;
    let refusedStatus: number | null = null;
    ws.on("unexpected-response", (_request, response) => {
      refusedStatus = response.statusCode ?? 0;
      response.resume();
      ws.terminate();
    });
    ws.on("open", () => startHeartbeat(ws));
    ws.on("message", (data) => {
      const frame = parseServerFrame(data.toString());
      if (!frame) return;
      switch (frame.type) {
        case "hello":
          attempt = 0;
          options.handlers.onHello(frame);
          for (const id of pendingAcks) acknowledge(ws, id);
          break;
        case "pong":
          clearTimeout(pongTimer ?? undefined);
          pongTimer = null;
          break;
        case "alert":
          // Acked before onAlert, which may stop() the socket (--count): the ack goes out ahead of the close.
          // One already shown comes again when its ack may not have arrived: ack it again (harmless if it had).
          if (options.acknowledge) acknowledge(ws, frame.alert.id);
          if (cursor !== null && frame.alert.seq <= cursor) break; // already shown
          cursor = frame.alert.seq;
          options.handlers.onAlert(frame.alert, frame.replayed ?? false);
          break;
        case "synced":
          if (cursor === null || frame.cursor < cursor) cursor = frame.cursor;
          break;
      }
    });
    ws.on("error", () => {}); // the close that follows decides what to do
    ws.on("close", (code, reasonBuffer) => {
      stopHeartbeat();
      if (socket === ws) socket = null;
      if (stopped) return;
      const reason = reasonBuffer.toString();
      if (refusedStatus === 401 || refusedStatus === 403 || isTerminalCloseCode(code)) {
        stopped = true;
        finish({ stoppedBy: "server", code: refusedStatus ?? code, reason: reason || (refusedStatus ? `upgrade refused with ${refusedStatus}` : "closed") });
        return;
      }
      scheduleReconnect(refusedStatus ? `refused with ${refusedStatus}` : `closed (${code}${reason ? ` ${reason}` : ""})`);
    });
  }

  function acknowledge(ws: WebSocket, id: string): void {
    if (ws.readyState !== WebSocket.OPEN) {
      pendingAcks.add(id);
      return;
    }
    pendingAcks.delete(id);
    ws.send(JSON.stringify({ type: "ack", id } satisfies ClientFrame));
  }

  function scheduleReconnect(why: string): void {
    attempt += 1;
    const delay = backoffDelay(attempt, backoffMs, DEFAULT_JITTER_RATIO, Math.random);
    options.handlers.onStatus(`connection ${why}; reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${attempt})`);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stopped) open();
    }, delay);
  }

  function startHeartbeat(ws: WebSocket): void {
    pingTimer = setInterval(() => {
      if (pongTimer) return;
      ws.send(JSON.stringify({ type: "ping" }));
      pongTimer = setTimeout(() => ws.terminate(), HEARTBEAT.pongTimeoutMs);
    }, HEARTBEAT.pingIntervalMs);
  }

  function stopHeartbeat(): void {
    clearInterval(pingTimer ?? undefined);
    clearTimeout(pongTimer ?? undefined);
    pingTimer = pongTimer = null;
  }

  open();
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(retryTimer ?? undefined);
      stopHeartbeat();
      socket?.close(1000, "client disconnect");
      finish({ stoppedBy: "caller" });
    },
  };
}
