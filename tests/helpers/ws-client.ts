/** A real `ws` client for tests: opens /ws/alerts, records every server frame, waits for ones that match. */
import WebSocket from "ws";
import type { Alert } from "~/shared/alert";
import { CURSOR_PARAM, type ServerFrame, ServerFrameSchema, WS_PATH } from "~/shared/protocol";

export interface TestSocket {
  ws: WebSocket;
  frames: ServerFrame[];
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T extends ServerFrame["type"]>(type: T, timeoutMs?: number, match?: (frame: Extract<ServerFrame, { type: T }>) => boolean): Promise<Extract<ServerFrame, { type: T }>>;
  sendRaw(data: string | Buffer): void;
  /** Every alert received so far, in arrival order. */
  alerts(): Alert[];
  /** Resolves once `count` alerts have arrived (or rejects after the timeout, listing how many did). */
  waitForAlerts(count: number, timeoutMs?: number): Promise<Alert[]>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  token?: string;
  cookie?: string;
  origin?: string;
  path?: string;
  /** Catch-up cursor: resume after this seq. */
  after?: number | string;
}

export function wsUrl(baseUrl: string, options: ConnectOptions = {}): string {
  const url = new URL(options.path ?? WS_PATH, baseUrl.replace(/^http/, "ws"));
  if (options.token) url.searchParams.set("token", options.token);
  if (options.after !== undefined) url.searchParams.set(CURSOR_PARAM, String(options.after));
  return url.toString();
}

function headersFor(options: ConnectOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  return headers;
}

/** Opens a socket and waits for `hello`. */
export async function connect(baseUrl: string, options: ConnectOptions = {}): Promise<TestSocket> {
  const ws = new WebSocket(wsUrl(baseUrl, options), { headers: headersFor(options) });
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(ServerFrameSchema.parse(JSON.parse(data.toString())));
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
  });

  const socket: TestSocket = {
    ws,
    frames,
    closed,
    waitFor(type, timeoutMs = 2000, match = () => true) {
      type F = Extract<ServerFrame, { type: typeof type }>;
      const find = () => frames.find((f): f is F => f.type === type && match(f as F));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const wake = () => {
          const hit = find();
          if (hit) {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no "${type}" frame within ${timeoutMs} ms; got: ${frames.map((f) => f.type).join(", ")}`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    sendRaw: (data) => ws.send(data),
    alerts: () => frames.flatMap((frame) => (frame.type === "alert" ? [frame.alert] : [])),
    async waitForAlerts(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (socket.alerts().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} alerts within ${timeoutMs} ms, got ${socket.alerts().length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return socket.alerts();
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close(1000);
      await closed;
    },
  };
  await socket.waitFor("hello");
  return socket;
}

/** Attempts an upgrade that should be refused; resolves with the HTTP status the server answered. */
export function refusedStatus(baseUrl: string, options: ConnectOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(baseUrl, options), { headers: headersFor(options) });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once("open", () => {
      ws.close();
      reject(new Error("upgrade was accepted"));
    });
    ws.once("error", () => {});
  });
}
