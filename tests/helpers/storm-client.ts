/**
 * A Node client for storm tests, honouring what the server says the way the CLI does: a 503
 * upgrade refusal's Retry-After (plus up to a second of jitter, src/shared/retry-after.ts); a
 * refused TCP connection (server restarting) is retried after 250–500 ms. When a connected
 * socket drops it reconnects as soon as `gate()` resolves (at once by default): a test holds
 * every client at the gate while the server restarts, then releases them all together — the
 * worst case, every user coming back in the same instant.
 */
import WebSocket from "ws";
import { retryAfterDelayMs } from "~/shared/retry-after";

export interface StormClient {
  /** Resolves the next time the socket has been caught up (`synced`). */
  nextSynced(): Promise<void>;
  readonly synced: boolean;
  /** 503 refusals seen so far. */
  readonly refusals: number;
  stop(): void;
}

export function stormClient(url: string, gate: () => Promise<void> = () => Promise.resolve()): StormClient {
  let synced = false;
  let refusals = 0;
  let stopped = false;
  let socket: WebSocket | null = null;
  let wake: (() => void) | null = null;
  let syncedPromise = new Promise<void>((resolve) => (wake = resolve));

  function retryIn(ms: number): void {
    if (!stopped) setTimeout(open, ms).unref();
  }

  function open(): void {
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    let answered = false;
    ws.on("unexpected-response", (_request, response) => {
      answered = true;
      if (response.statusCode === 503) refusals++;
      const retryAfter = response.headers["retry-after"];
      response.resume();
      ws.terminate();
      retryIn(retryAfterDelayMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Math.random));
    });
    ws.on("open", () => (opened = true));
    ws.on("message", (data) => {
      if (!synced && String(data).includes('"type":"synced"')) {
        synced = true;
        wake?.();
      }
    });
    ws.on("error", () => {});
    ws.on("close", () => {
      if (!opened) {
        // Refused before any HTTP answer: nothing listening yet.
        if (!answered && ws === socket) retryIn(250 + Math.random() * 250);
        return;
      }
      synced = false;
      syncedPromise = new Promise<void>((resolve) => (wake = resolve));
      void gate().then(() => !stopped && open());
    });
  }

  open();
  return {
    nextSynced: () => syncedPromise,
    get synced() {
      return synced;
    },
    get refusals() {
      return refusals;
    },
    stop() {
      stopped = true;
      socket?.terminate();
    },
  };
}
