/**
 * A stand-in for the Beacon server at the network boundary of a component test: `fetch` answers
 * the session and inbox API from an in-memory inbox, and `WebSocket` is a double the test plays
 * the server through (hello, alert and unread frames). Everything between, from the realtime
 * hook to the feed and the components, is the real code.
 */
import { vi } from "vitest";
import type { Alert } from "~/shared/alert";
import type { DeliveryRecord, InboxItem, PendingEscalation } from "~/shared/inbox";
import { makeAlert } from "./fixtures";

export const SESSION = {
  user: { id: "alice", email: "alice@example.com", name: "Alice", role: "user" },
  expiresAt: "2030-01-01T00:00:00.000Z",
  features: { simulator: false },
};

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Override = { status: number; code: string } | { hold: Promise<void> };

export function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** `count` alerts with seq 1…count, the newest `minutesAgo` old and each older one a minute more. */
export function makeItems(count: number, overrides: (seq: number) => Partial<InboxItem> = () => ({})): InboxItem[] {
  return Array.from({ length: count }, (_, index) => {
    const seq = index + 1;
    return {
      ...makeAlert({
        id: `a${seq}`,
        seq,
        title: `Alert number ${seq}`,
        createdAt: new Date(Date.now() - (count - seq + 1) * 60_000).toISOString(),
      }),
      readAt: null,
      archivedAt: null,
      ...overrides(seq),
    };
  });
}

export class FakeBeacon {
  items: InboxItem[] = [];
  deliveries = new Map<string, DeliveryRecord[]>();
  /** The ladder's pending step per alert; absent: done. */
  escalations = new Map<string, PendingEscalation>();
  readonly requests: RecordedRequest[] = [];
  private overrides: Array<{ method: string; path: RegExp; override: Override }> = [];

  constructor(items: InboxItem[] = []) {
    this.items = items;
  }

  unreadCount(): number {
    return this.items.filter((item) => item.readAt === null && item.archivedAt === null).length;
  }

  cursor(): number {
    return Math.max(0, ...this.items.map((item) => item.seq));
  }

  /** The next request matching `method` and `path` fails with this status and error code. */
  failNext(method: string, path: RegExp, status: number, code: string): void {
    this.overrides.push({ method, path, override: { status, code } });
  }

  /** The next matching request waits until the returned function is called. */
  holdNext(method: string, path: RegExp): () => void {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    this.overrides.push({ method, path, override: { hold } });
    return release;
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === "string" ? request.path === path : path.test(request.path)));
  }

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    const index = this.overrides.findIndex((entry) => entry.method === method && entry.path.test(url.pathname));
    if (index !== -1) {
      const [{ override }] = this.overrides.splice(index, 1);
      if ("hold" in override) await override.hold;
      else return jsonResponse(override.status, { error: { code: override.code, message: "from the fake" } });
    }
    return this.answer(method, url, body);
  });

  private answer(method: string, url: URL, body: any): Response {
    const path = url.pathname;
    if (path === "/api/session") return jsonResponse(200, SESSION);
    if (method === "GET" && path === "/api/inbox") return jsonResponse(200, this.page(url.searchParams));
    if (method === "GET" && path === "/api/inbox/unread") return jsonResponse(200, this.unreadState());
    if (method === "POST" && path === "/api/inbox/read-all") {
      const upTo = body?.upTo ?? Number.MAX_SAFE_INTEGER;
      let marked = 0;
      this.items = this.items.map((item) => (item.readAt === null && item.seq <= upTo ? (marked++, { ...item, readAt: new Date().toISOString() }) : item));
      return jsonResponse(200, { marked, ...this.unreadState() });
    }
    const match = /^\/api\/inbox\/([^/]+)$/.exec(path);
    const item = match && this.items.find((candidate) => candidate.id === decodeURIComponent(match[1]!));
    if (!item) return jsonResponse(404, { error: { code: "not_found", message: "no such alert in your inbox" } });
    if (method === "GET") return jsonResponse(200, { item: { ...item, deliveries: this.deliveries.get(item.id) ?? [], escalation: this.escalations.get(item.id) ?? null } });
    if (method === "PATCH") {
      const now = new Date().toISOString();
      const next: InboxItem = {
        ...item,
        ...(body.read !== undefined ? { readAt: body.read ? (item.readAt ?? now) : null } : {}),
        ...(body.archived !== undefined ? { archivedAt: body.archived ? (item.archivedAt ?? now) : null } : {}),
      };
      this.items = this.items.map((candidate) => (candidate.id === next.id ? next : candidate));
      return jsonResponse(200, { item: next, ...this.unreadState() });
    }
    return jsonResponse(405, { error: { code: "method_not_allowed", message: "no" } });
  }

  private unreadState() {
    return { unreadCount: this.unreadCount(), cursor: this.cursor() };
  }

  private page(query: URLSearchParams) {
    const limit = Number(query.get("limit") ?? 30);
    const before = query.has("before") ? Number(query.get("before")) : Number.POSITIVE_INFINITY;
    const matching = this.items
      .filter((item) => item.seq < before)
      .filter((item) => (query.get("archived") === "true" ? item.archivedAt !== null : item.archivedAt === null))
      .filter((item) => query.get("unread") !== "true" || item.readAt === null)
      .filter((item) => !query.get("service") || item.service === query.get("service"))
      .filter((item) => !query.get("severity") || item.severity === query.get("severity"))
      .sort((a, b) => b.seq - a.seq);
    const items = matching.slice(0, limit);
    return { ...this.unreadState(), items, nextBefore: items.length === limit ? items.at(-1)!.seq : null };
  }
}

/** The browser's WebSocket, played by the test: it opens at once and says hello with the fake's count. */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];
  static server: FakeBeacon | null = null;

  readyState = FakeWebSocket.CONNECTING;
  onopen: ((event: object) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: object) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
    queueMicrotask(() => {
      this.readyState = FakeWebSocket.OPEN;
      this.onopen?.({});
      const server = FakeWebSocket.server;
      this.receive({
        type: "hello",
        serverTime: new Date().toISOString(),
        unreadCount: server?.unreadCount() ?? 0,
        cursor: server?.cursor() ?? 0,
        userId: SESSION.user.id,
      });
    });
  }

  send(): void {}

  close(code = 1000, reason = ""): void {
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.readyState = FakeWebSocket.CLOSED;
    queueMicrotask(() => this.onclose?.({ code, reason, wasClean: true }));
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

/** The newest socket the page opened. */
export function socket(): FakeWebSocket {
  const latest = FakeWebSocket.instances.at(-1);
  if (!latest) throw new Error("the page opened no WebSocket");
  return latest;
}

/** The server pushes a new alert (and stores it, as the real publisher does first). */
export function pushAlert(server: FakeBeacon, alert: Alert): void {
  server.items.push({ ...alert, readAt: null, archivedAt: null });
  socket().receive({ type: "alert", alert });
}

/** The server tells every tab the fresh unread count (after a change made elsewhere). */
export function pushUnreadCount(server: FakeBeacon): void {
  socket().receive({ type: "unread", unreadCount: server.unreadCount(), cursor: server.cursor() });
}

/** Installs the fake as `fetch` and `WebSocket`; undo with `vi.unstubAllGlobals()`. */
export function installFakeBeacon(server: FakeBeacon): FakeBeacon {
  FakeWebSocket.instances = [];
  FakeWebSocket.server = server;
  vi.stubGlobal("fetch", server.fetch);
  vi.stubGlobal("WebSocket", FakeWebSocket);
  localStorage.clear();
  return server;
}
