import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeAlertSocket, type AlertSocketOptions, type SessionVerdict } from "~/lib/websocket";
import type { Alert } from "~/shared/alert";
import { CloseCode } from "~/shared/close-codes";

/**
 * A double of the browser's WebSocket: the client under test drives it through the standard
 * API; the test plays the network and the server through the methods below the line.
 */
class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  readonly sent: string[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;
  onopen: ((event: object) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: object) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error("InvalidStateError: not open");
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.closedByClient = { code, reason };
    this.readyState = FakeWebSocket.CLOSING;
    // Browsers finish the closing handshake later, then fire `close`.
    void Promise.resolve().then(() => this.finish(code ?? 1005, reason ?? "", true));
  }

  // ---- the network and the server ----------------------------------------

  acceptUpgrade(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.({});
  }

  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === "string" || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame) });
  }

  /** All a browser learns from a refused upgrade (401, 403…): error, then close 1006. */
  refuse(): void {
    this.onerror?.({});
    this.finish(1006, "", false);
  }

  serverClose(code: number, reason = ""): void {
    this.finish(code, reason, true);
  }

  drop(): void {
    this.onerror?.({});
    this.finish(1006, "", false);
  }

  get pings(): number {
    return this.sent.filter((text) => JSON.parse(text).type === "ping").length;
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean });
  }
}

const URL = "ws://beacon.test/ws/alerts";
const sockets = () => FakeWebSocket.instances;
const latest = () => {
  const ws = FakeWebSocket.instances.at(-1);
  if (!ws) throw new Error("no socket was opened");
  return ws;
};

function hello(unreadCount = 0, userId = "alice", cursor = 0) {
  return { type: "hello", serverTime: new Date().toISOString(), unreadCount, cursor, userId };
}
const pong = () => ({ type: "pong", serverTime: new Date().toISOString() });

let nextSeq = 0;
function anAlert(id: string, userId = "alice", seq = ++nextSeq): Alert {
  return {
    id,
    seq,
    userId,
    service: "darkwatch",
    severity: "high",
    title: `Your email appeared in a breach (${id})`,
    body: "Change your password.",
    createdAt: new Date().toISOString(),
  };
}

function setup(overrides: Partial<AlertSocketOptions> & { verdict?: SessionVerdict } = {}) {
  const { verdict = "valid", ...options } = overrides;
  let wake: (() => void) | null = null;
  let offline: (() => void) | null = null;
  const unsubscribeWakeups = vi.fn();
  const checkSession = vi.fn(async (): Promise<SessionVerdict> => verdict);
  const socket = makeAlertSocket({
    url: URL,
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    random: () => 0.5, // no jitter unless a test asks for it
    checkSession,
    wakeups: (reconnectNow, wentOffline) => {
      wake = reconnectNow;
      offline = wentOffline;
      return unsubscribeWakeups;
    },
    ...options,
  });
  return {
    socket,
    checkSession,
    unsubscribeWakeups,
    wakeUp: () => {
      if (!wake) throw new Error("wakeups were not subscribed");
      wake();
    },
    goOffline: () => {
      if (!offline) throw new Error("wakeups were not subscribed");
      offline();
    },
  };
}

/** Connects and completes the handshake on the newest socket. */
function openConnection(ws: FakeWebSocket = latest(), unreadCount = 0): FakeWebSocket {
  ws.acceptUpgrade();
  ws.receive(hello(unreadCount));
  return ws;
}

/** Lets pending promise callbacks (the session check) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Refuses every new socket until none is left to refuse; returns how many were refused. */
async function refuseEveryAttempt(maxMs = 10 * 60_000): Promise<number> {
  let refused = 0;
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const ws = latest();
    if (ws.readyState === FakeWebSocket.CONNECTING) {
      ws.refuse();
      refused++;
      await settle();
    }
    if (vi.getTimerCount() === 0) break;
    vi.advanceTimersToNextTimer();
  }
  return refused;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("connecting", () => {
  it("goes connecting, then open only once the server says hello", () => {
    const { socket } = setup();
    expect(socket.state()).toBe("idle");
    socket.connect();
    expect(socket.state()).toBe("connecting");
    expect(latest().url).toBe(URL);
    latest().acceptUpgrade();
    expect(socket.state()).toBe("connecting");
    latest().receive(hello());
    expect(socket.state()).toBe("open");
    expect(socket.attempt()).toBe(0);
  });

  it("opens one socket however many times connect() is called", () => {
    const { socket } = setup();
    socket.connect();
    socket.connect();
    openConnection();
    socket.connect();
    expect(sockets()).toHaveLength(1);
  });

  it("asks a url function again for every attempt, so a fresh token is used", () => {
    let n = 0;
    const { socket } = setup({ url: () => `${URL}?n=${++n}` });
    socket.connect();
    openConnection().drop();
    vi.advanceTimersByTime(1000);
    expect(sockets().map((ws) => ws.url)).toEqual([`${URL}?n=1`, `${URL}?n=2`]);
  });

  it("disconnect() closes with 1000, goes idle and never reconnects", async () => {
    const { socket, unsubscribeWakeups } = setup();
    socket.connect();
    const ws = openConnection();
    socket.disconnect();
    await settle();
    expect(ws.closedByClient?.code).toBe(CloseCode.Normal);
    expect(socket.state()).toBe("idle");
    expect(unsubscribeWakeups).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets()).toHaveLength(1);
  });

  it("disconnect() leaves no pending timers, whatever it interrupts", () => {
    const { socket } = setup();
    socket.connect();
    latest().acceptUpgrade(); // waiting for hello
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    socket.disconnect();
    expect(vi.getTimerCount()).toBe(0);

    socket.connect();
    openConnection(); // pinging
    vi.advanceTimersByTime(30_000); // a ping is waiting for its pong
    expect(vi.getTimerCount()).toBe(2);
    socket.disconnect();
    expect(vi.getTimerCount()).toBe(0);

    socket.connect();
    openConnection().drop(); // a retry is scheduled
    expect(socket.nextRetryAt()).not.toBeNull();
    socket.disconnect();
    expect(vi.getTimerCount()).toBe(0);
    expect(socket.nextRetryAt()).toBeNull();
  });

  it("a session check answered after disconnect() changes nothing", async () => {
    let answer!: (verdict: SessionVerdict) => void;
    const { socket } = setup({ checkSession: () => new Promise((resolve) => (answer = resolve)) });
    socket.connect();
    latest().refuse();
    await settle(); // the check is now in flight
    socket.disconnect();
    answer("invalid");
    await settle();
    expect(socket.state()).toBe("idle");
  });

  it("can connect again after disconnect()", () => {
    const { socket } = setup();
    socket.connect();
    openConnection();
    socket.disconnect();
    socket.connect();
    openConnection();
    expect(socket.state()).toBe("open");
    expect(sockets()).toHaveLength(2);
  });
});

describe("reconnecting after a drop", () => {
  it("a draining server's reconnect frame sets the wait instead of the backoff, and the next attempt resumes from the cursor", () => {
    const { socket } = setup({ random: () => 0.999 }); // maximal jitter, to show it is not applied
    socket.connect();
    const ws = openConnection();
    ws.receive({ type: "alert", alert: anAlert("drain-1", "alice", 7) });
    ws.receive({ type: "reconnect", afterMs: 4321, reason: "draining" });
    ws.serverClose(CloseCode.ServerDraining, "draining");
    expect(socket.state()).toBe("reconnecting");
    expect(socket.nextRetryAt()! - Date.now()).toBe(4321);
    const before = sockets().length;
    vi.advanceTimersByTime(4320);
    expect(sockets()).toHaveLength(before);
    vi.advanceTimersByTime(1);
    expect(new globalThis.URL(latest().url).searchParams.get("after")).toBe("7");
  });

  it("a draining close without its reconnect frame falls back to the backoff", () => {
    const { socket } = setup();
    socket.connect();
    openConnection().serverClose(CloseCode.ServerDraining, "draining");
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
  });

  it("waits 1 s, 2 s, 5 s, 10 s, 30 s, 30 s… between attempts", async () => {
    const { socket } = setup();
    socket.connect();
    openConnection().drop();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const retryAt = socket.nextRetryAt();
      if (retryAt === null) throw new Error("no retry scheduled");
      const wait = retryAt - Date.now();
      waits.push(wait);
      const before = sockets().length;
      vi.advanceTimersByTime(wait - 1);
      expect(sockets()).toHaveLength(before); // not a moment early
      vi.advanceTimersByTime(1);
      expect(sockets()).toHaveLength(before + 1);
      latest().refuse();
      await settle();
    }
    expect(waits).toEqual([1000, 2000, 5000, 10_000, 30_000, 30_000, 30_000]);
  });

  it("keeps each wait within ±20% jitter", () => {
    for (const [random, expected] of [[0, 800], [0.999_999, 1200]] as const) {
      FakeWebSocket.instances = [];
      const { socket } = setup({ random: () => random });
      socket.connect();
      openConnection().drop();
      expect(socket.nextRetryAt()! - Date.now()).toBeCloseTo(expected, -1);
      socket.disconnect();
    }
  });

  it("stays reconnecting while attempting, with the attempt number counting up", async () => {
    const { socket } = setup();
    socket.connect();
    openConnection().drop();
    expect(socket.state()).toBe("reconnecting");
    expect(socket.attempt()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(socket.state()).toBe("reconnecting");
    expect(socket.nextRetryAt()).toBeNull(); // attempting now, not waiting
    latest().refuse();
    await settle();
    expect(socket.state()).toBe("reconnecting");
    expect(socket.attempt()).toBe(2);
  });

  it("a socket that opens but is not yet welcomed still shows reconnecting", () => {
    const { socket } = setup();
    socket.connect();
    openConnection().drop();
    vi.advanceTimersByTime(1000);
    latest().acceptUpgrade();
    expect(socket.state()).toBe("reconnecting");
    latest().receive(hello());
    expect(socket.state()).toBe("open");
    expect(socket.attempt()).toBe(0);
  });

  it("a successful reconnect starts the schedule over at 1 s", async () => {
    const { socket } = setup();
    socket.connect();
    openConnection().drop();
    vi.advanceTimersByTime(1000);
    latest().refuse();
    await settle();
    vi.advanceTimersByTime(2000);
    openConnection().drop();
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
  });

  it("after 10 failed attempts goes offline and schedules nothing more", async () => {
    const { socket } = setup();
    socket.connect();
    openConnection().drop();
    const refused = await refuseEveryAttempt();
    expect(refused).toBe(10);
    expect(socket.state()).toBe("offline");
    expect(socket.nextRetryAt()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60 * 60_000);
    expect(sockets()).toHaveLength(11);
  });

  it("honours a custom maxAttempts", async () => {
    const { socket } = setup({ maxAttempts: 3 });
    socket.connect();
    openConnection().drop();
    expect(await refuseEveryAttempt()).toBe(3);
    expect(socket.state()).toBe("offline");
  });

  it("retryNow() from offline reconnects at once and restarts the schedule", async () => {
    const { socket } = setup({ maxAttempts: 2 });
    socket.connect();
    openConnection().drop();
    await refuseEveryAttempt();
    expect(socket.state()).toBe("offline");
    const before = sockets().length;

    socket.retryNow();
    expect(sockets()).toHaveLength(before + 1);
    expect(socket.state()).toBe("reconnecting");
    latest().refuse();
    await settle();
    expect(socket.attempt()).toBe(1);
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
  });

  it("retryNow() from offline that succeeds goes open", async () => {
    const { socket } = setup({ maxAttempts: 1 });
    socket.connect();
    openConnection().drop();
    await refuseEveryAttempt();
    socket.retryNow();
    openConnection();
    expect(socket.state()).toBe("open");
  });

  it("a WebSocket constructor that throws counts as a failed attempt, not a crash", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    class Blocked {
      constructor() {
        throw new Error("SecurityError: port blocked");
      }
    }
    const { socket } = setup({ WebSocketImpl: Blocked as unknown as typeof WebSocket });
    expect(() => socket.connect()).not.toThrow();
    expect(socket.state()).toBe("reconnecting");
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
  });

  it("retryNow() does nothing while open or idle", () => {
    const { socket } = setup();
    socket.retryNow();
    expect(sockets()).toHaveLength(0);
    socket.connect();
    openConnection();
    socket.retryNow();
    expect(sockets()).toHaveLength(1);
  });

  it("the browser coming back online reconnects at once, cancelling the wait and the count", async () => {
    const { socket, wakeUp } = setup();
    socket.connect();
    openConnection().drop();
    for (const wait of [1000, 2000, 5000]) {
      vi.advanceTimersByTime(wait);
      latest().refuse();
      await settle();
    }
    expect(socket.nextRetryAt()! - Date.now()).toBe(10_000);
    const before = sockets().length;

    wakeUp();
    expect(sockets()).toHaveLength(before + 1);
    expect(socket.nextRetryAt()).toBeNull();
    expect(vi.getTimerCount()).toBe(0); // the 10 s wait is gone
    latest().refuse();
    await settle();
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
  });

  it("a wake-up brings the client back from offline", async () => {
    const { socket, wakeUp } = setup({ maxAttempts: 1 });
    socket.connect();
    openConnection().drop();
    await refuseEveryAttempt();
    expect(socket.state()).toBe("offline");
    wakeUp();
    openConnection();
    expect(socket.state()).toBe("open");
  });

  it("a wake-up while an attempt is in flight does not open a second socket", () => {
    const { socket, wakeUp } = setup();
    socket.connect();
    wakeUp();
    expect(sockets()).toHaveLength(1);
    openConnection().drop();
    vi.advanceTimersByTime(1000);
    wakeUp();
    expect(sockets()).toHaveLength(2);
  });

  it("a wake-up while open checks the connection with a ping instead of reconnecting", () => {
    const { socket, wakeUp } = setup();
    socket.connect();
    const ws = openConnection();
    wakeUp();
    expect(ws.pings).toBe(1);
    expect(sockets()).toHaveLength(1);
    vi.advanceTimersByTime(10_000); // that ping goes unanswered: the socket was dead
    expect(ws.closedByClient).not.toBeNull();
    expect(socket.state()).toBe("reconnecting");
  });

  it("the browser going offline while open checks the socket at once, and drops it if the ping goes unanswered", () => {
    const { socket, goOffline } = setup();
    socket.connect();
    const ws = openConnection();
    goOffline();
    expect(ws.pings).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(ws.closedByClient).not.toBeNull();
    expect(socket.state()).not.toBe("open");
  });

  it("the browser going offline while waiting to retry shows offline and stops spending attempts", async () => {
    const { socket, goOffline, wakeUp } = setup();
    socket.connect();
    openConnection().drop();
    expect(socket.state()).toBe("reconnecting");
    goOffline();
    expect(socket.state()).toBe("offline");
    expect(vi.getTimerCount()).toBe(0);
    wakeUp(); // "online"
    openConnection();
    expect(socket.state()).toBe("open");
  });

  it("while the browser reports no network a drop goes straight to offline instead of retrying", () => {
    let online = true;
    const { socket } = setup({ isOnline: () => online });
    socket.connect();
    const ws = openConnection();
    online = false;
    ws.drop();
    expect(socket.state()).toBe("offline");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a wake-up after disconnect() does nothing", () => {
    const { socket, wakeUp } = setup();
    socket.connect();
    openConnection();
    socket.disconnect();
    wakeUp();
    expect(sockets()).toHaveLength(1);
    expect(socket.state()).toBe("idle");
  });
});

describe("sign-in problems", () => {
  it("a refused connection whose session is invalid goes unauthorized and never retries", async () => {
    const { socket, checkSession, unsubscribeWakeups } = setup({ verdict: "invalid" });
    socket.connect();
    latest().refuse();
    await settle();
    expect(checkSession).toHaveBeenCalledOnce();
    expect(socket.state()).toBe("unauthorized");
    expect(vi.getTimerCount()).toBe(0);
    expect(unsubscribeWakeups).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60 * 60_000);
    expect(sockets()).toHaveLength(1);
  });

  it.each(["valid", "unknown"] as const)("a refused connection with a %s session keeps backing off", async (verdict) => {
    const { socket, checkSession } = setup({ verdict });
    socket.connect();
    latest().refuse();
    await settle();
    expect(checkSession).toHaveBeenCalledOnce();
    expect(socket.state()).toBe("reconnecting");
    vi.advanceTimersByTime(1000);
    expect(sockets()).toHaveLength(2);
  });

  it("a session check that throws counts as unknown", async () => {
    const { socket } = setup({ checkSession: () => Promise.reject(new Error("network down")) });
    socket.connect();
    latest().refuse();
    await settle();
    expect(socket.state()).toBe("reconnecting");
  });

  it("a slow session check does not hold up the retry", async () => {
    const { socket } = setup({ checkSession: () => new Promise(() => {}) });
    socket.connect();
    latest().refuse();
    vi.advanceTimersByTime(1000);
    expect(sockets()).toHaveLength(2);
  });

  it("a connection that had opened and then dropped does not ask about the session", async () => {
    const { socket, checkSession } = setup();
    socket.connect();
    openConnection().drop();
    await settle();
    expect(checkSession).not.toHaveBeenCalled();
  });

  it.each([CloseCode.Unauthorized, CloseCode.ForbiddenOrigin, 4999])(
    "close code %i stops at once: unauthorized, no retry",
    async (code) => {
      const { socket } = setup();
      socket.connect();
      openConnection().serverClose(code);
      expect(socket.state()).toBe("unauthorized");
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(60 * 60_000);
      expect(sockets()).toHaveLength(1);
    },
  );

  it("token expired (4001) checks the session and signs out when it is invalid", async () => {
    const { socket, checkSession } = setup({ verdict: "invalid" });
    socket.connect();
    openConnection().serverClose(CloseCode.TokenExpired);
    await settle();
    expect(checkSession).toHaveBeenCalledOnce();
    expect(socket.state()).toBe("unauthorized");
  });

  it("token expired (4001) with a still valid session reconnects", async () => {
    const { socket, checkSession } = setup({ verdict: "valid" });
    socket.connect();
    openConnection().serverClose(CloseCode.TokenExpired);
    await settle();
    expect(checkSession).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1000);
    openConnection();
    expect(socket.state()).toBe("open");
  });

  it("connect() after unauthorized starts afresh (e.g. after signing in again)", async () => {
    const { socket } = setup({ verdict: "invalid" });
    socket.connect();
    latest().refuse();
    await settle();
    socket.connect();
    openConnection();
    expect(socket.state()).toBe("open");
  });
});

describe("heartbeat", () => {
  it("pings every interval while open", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    vi.advanceTimersByTime(29_999);
    expect(ws.pings).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ws.sent).toEqual([JSON.stringify({ type: "ping" })]);
    ws.receive(pong());
    vi.advanceTimersByTime(30_000);
    expect(ws.pings).toBe(2);
  });

  it("no pong within the timeout: the socket is closed and a reconnect scheduled", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    vi.advanceTimersByTime(30_000 + 9_999);
    expect(socket.state()).toBe("open");
    vi.advanceTimersByTime(1);
    expect(ws.closedByClient?.code).toBe(CloseCode.HeartbeatTimeout);
    expect(socket.state()).toBe("reconnecting");
    expect(socket.nextRetryAt()! - Date.now()).toBe(1000);
    vi.advanceTimersByTime(1000);
    expect(sockets()).toHaveLength(2);
  });

  it("a dead socket is abandoned at once, not after its close event", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    ws.close = () => {}; // a half-open TCP connection never completes the closing handshake
    vi.advanceTimersByTime(40_000);
    expect(socket.state()).toBe("reconnecting");
    vi.advanceTimersByTime(1000);
    expect(sockets()).toHaveLength(2);
  });

  it("a pong clears the deadline", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    vi.advanceTimersByTime(30_000);
    vi.advanceTimersByTime(5_000);
    ws.receive(pong());
    vi.advanceTimersByTime(20_000); // well past the first ping's deadline, before the next one's
    expect(socket.state()).toBe("open");
    expect(ws.closedByClient).toBeNull();
  });

  it("other frames do not stand in for the pong", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    vi.advanceTimersByTime(30_000);
    ws.receive({ type: "alert", alert: anAlert("a1") });
    ws.receive(hello());
    vi.advanceTimersByTime(10_000);
    expect(ws.closedByClient).not.toBeNull();
  });

  it("honours custom ping interval and pong timeout", () => {
    const { socket } = setup({ pingIntervalMs: 1000, pongTimeoutMs: 200 });
    socket.connect();
    const ws = openConnection();
    vi.advanceTimersByTime(1000);
    expect(ws.pings).toBe(1);
    vi.advanceTimersByTime(200);
    expect(socket.state()).toBe("reconnecting");
  });

  it("a socket that opens but never says hello is treated as dead", () => {
    const { socket, checkSession } = setup();
    socket.connect();
    const ws = latest();
    ws.acceptUpgrade();
    vi.advanceTimersByTime(10_000);
    expect(ws.closedByClient).not.toBeNull();
    expect(socket.state()).toBe("reconnecting");
    expect(checkSession).not.toHaveBeenCalled();
  });

  it("runs on an injected clock instead of the global timers", () => {
    vi.useRealTimers();
    const pending = new Map<number, { run: () => void; at: number }>();
    let now = 0;
    let nextId = 1;
    const clock = {
      setTimeout: ((run: () => void, ms: number) => {
        pending.set(nextId, { run, at: now + ms });
        return nextId++;
      }) as unknown as typeof setTimeout,
      clearTimeout: ((id: number) => pending.delete(id)) as unknown as typeof clearTimeout,
      now: () => now,
    };
    const advance = (ms: number) => {
      now += ms;
      for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && pending.delete(id)) timer.run();
      }
    };
    const { socket } = setup({ clock });
    socket.connect();
    const ws = openConnection();
    advance(30_000);
    expect(ws.pings).toBe(1);
    advance(10_000);
    expect(socket.state()).toBe("reconnecting");
    expect(socket.nextRetryAt()).toBe(41_000);
    socket.disconnect();
    expect(pending.size).toBe(0);
  });
});

describe("alerts and the unread count", () => {
  it("lists new alerts newest first and tells listeners once per alert", () => {
    const { socket } = setup();
    const heard: string[] = [];
    socket.onAlert((alert) => heard.push(alert.id));
    socket.connect();
    const ws = openConnection();
    ws.receive({ type: "alert", alert: anAlert("a1") });
    ws.receive({ type: "alert", alert: anAlert("a2") });
    expect(socket.alerts().map((alert) => alert.id)).toEqual(["a2", "a1"]);
    expect(heard).toEqual(["a1", "a2"]);
  });

  it("counts a duplicate alert id once", () => {
    const { socket } = setup();
    const listener = vi.fn();
    socket.onAlert(listener);
    socket.connect();
    const ws = openConnection();
    ws.receive({ type: "alert", alert: anAlert("a1") });
    ws.receive({ type: "alert", alert: anAlert("a1") });
    expect(socket.alerts()).toHaveLength(1);
    expect(socket.unreadCount()).toBe(1);
    expect(listener).toHaveBeenCalledOnce();
  });

  it("recognises a duplicate delivered over a new connection", () => {
    const { socket } = setup();
    socket.connect();
    openConnection().receive({ type: "alert", alert: anAlert("a1") });
    latest().drop();
    vi.advanceTimersByTime(1000);
    openConnection().receive({ type: "alert", alert: anAlert("a1") });
    expect(socket.alerts()).toHaveLength(1);
  });

  it("takes the unread count from hello, adds one per new alert, and follows unread frames", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection(latest(), 7);
    expect(socket.unreadCount()).toBe(7);
    ws.receive({ type: "alert", alert: anAlert("a1") });
    expect(socket.unreadCount()).toBe(8);
    ws.receive({ type: "unread", unreadCount: 0, cursor: socket.cursor() }); // read in another tab
    expect(socket.unreadCount()).toBe(0);
  });

  it("markAllRead() sets the unread count to zero and keeps the alerts", () => {
    const { socket } = setup();
    socket.connect();
    openConnection(latest(), 3).receive({ type: "alert", alert: anAlert("a1") });
    socket.markAllRead();
    expect(socket.unreadCount()).toBe(0);
    expect(socket.alerts()).toHaveLength(1);
  });

  it("keeps at most the newest 200 alerts", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    for (let i = 1; i <= 250; i++) ws.receive({ type: "alert", alert: anAlert(`a${i}`) });
    expect(socket.alerts()).toHaveLength(200);
    expect(socket.alerts()[0]?.id).toBe("a250");
    expect(socket.alerts().at(-1)?.id).toBe("a51");
    ws.receive({ type: "alert", alert: anAlert("a10") }); // scrolled off, still known
    expect(socket.unreadCount()).toBe(250);
  });

  it("stops telling a listener once it unsubscribes, and a throwing listener does not silence others", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { socket } = setup();
    const unsubscribe = socket.onAlert(() => {});
    const thrower = vi.fn(() => {
      throw new Error("toast failed");
    });
    const steady = vi.fn();
    socket.onAlert(thrower);
    socket.onAlert(steady);
    socket.connect();
    const ws = openConnection();
    unsubscribe();
    ws.receive({ type: "alert", alert: anAlert("a1") });
    expect(thrower).toHaveBeenCalledOnce();
    expect(steady).toHaveBeenCalledOnce();
    expect(socket.alerts()).toHaveLength(1);
  });

  it("a different user on the same tab starts with an empty list", () => {
    const { socket } = setup();
    socket.connect();
    openConnection().receive({ type: "alert", alert: anAlert("a1") });
    socket.disconnect();
    socket.connect();
    latest().acceptUpgrade();
    latest().receive(hello(0, "bob"));
    expect(socket.alerts()).toEqual([]);
  });

  it("ignores malformed frames, warning once per kind and never throwing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    for (let i = 0; i < 2; i++) {
      ws.receive("not json");
      ws.receive({ type: "alert", alert: { id: "x" } });
      ws.receive({ type: "surprise" });
      ws.receive({ unread: 3 });
      ws.receive(new ArrayBuffer(4));
      ws.receive({ type: "unread", unreadCount: -1 });
    }
    expect(warn).toHaveBeenCalledTimes(6); // one per kind: non-JSON, bad alert, unknown type, no type, binary, bad unread
    expect(socket.state()).toBe("open");
    expect(socket.alerts()).toEqual([]);
    expect(socket.unreadCount()).toBe(0);
  });
});

describe("catching up after time away", () => {
  const aliceAt = (seq: number, ageMs = 0): Alert => ({ ...anAlert(`s${seq}`, "alice", seq), createdAt: new Date(Date.now() - ageMs).toISOString() });

  it("a first connection without a saved cursor asks for nothing in particular (the server sends the unread ones)", () => {
    const { socket } = setup();
    socket.connect();
    expect(new globalThis.URL(latest().url).searchParams.has("after")).toBe(false);
  });

  it("a first connection resumes after the cursor saved by an earlier page load", () => {
    const { socket } = setup({ initialCursor: 41 });
    socket.connect();
    expect(new globalThis.URL(latest().url).searchParams.get("after")).toBe("41");
  });

  it("reconnects with ?after= the newest seq it received", () => {
    const { socket } = setup({ initialCursor: 2 });
    socket.connect();
    const ws = openConnection();
    for (const seq of [3, 4, 5]) ws.receive({ type: "alert", alert: aliceAt(seq) });
    expect(socket.cursor()).toBe(5);
    ws.drop();
    vi.advanceTimersByTime(1000);
    expect(new globalThis.URL(latest().url).searchParams.get("after")).toBe("5");
  });

  it("an alert received twice (replay racing a live copy) is listed, counted and announced once", () => {
    const { socket } = setup();
    const announced: string[] = [];
    socket.onAlert((alert) => announced.push(alert.id));
    socket.connect();
    const ws = openConnection();
    ws.receive({ type: "alert", alert: aliceAt(1) });
    ws.receive({ type: "alert", alert: aliceAt(1), replayed: true });
    expect(socket.alerts()).toHaveLength(1);
    expect(socket.unreadCount()).toBe(1);
    expect(announced).toEqual(["s1"]);
  });

  it("the badge is the server's count up to its cursor plus alerts above it, so nothing counts twice", () => {
    const { socket } = setup();
    socket.connect();
    const ws = latest();
    ws.acceptUpgrade();
    ws.receive(hello(5, "alice", 10)); // 5 unread among seqs 1..10
    ws.receive({ type: "alert", alert: aliceAt(8), replayed: true }); // already in the 5
    expect(socket.unreadCount()).toBe(5);
    ws.receive({ type: "alert", alert: aliceAt(11) });
    expect(socket.unreadCount()).toBe(6);
    ws.receive({ type: "unread", unreadCount: 6, cursor: 11 }); // a count that already covers 11
    expect(socket.unreadCount()).toBe(6);
    ws.receive({ type: "alert", alert: aliceAt(12) });
    ws.receive({ type: "unread", unreadCount: 0, cursor: 11 }); // read elsewhere, taken before 12 arrived
    expect(socket.unreadCount()).toBe(1);
  });

  function catchUp(ages: number[]) {
    const { socket } = setup();
    const announced: string[] = [];
    const summaries: number[] = [];
    socket.onAlert((alert) => announced.push(alert.id));
    socket.onCaughtUp((count) => summaries.push(count));
    socket.connect();
    const ws = openConnection();
    ages.forEach((age, i) => ws.receive({ type: "alert", alert: aliceAt(i + 1, age), replayed: true }));
    const beforeSynced = [...announced];
    ws.receive({ type: "synced", replayed: ages.length, cursor: ages.length });
    ws.receive({ type: "alert", alert: aliceAt(ages.length + 1) });
    return { socket, announced, summaries, beforeSynced };
  }

  it("a short blip (a few fresh alerts) toasts each of them once the catch-up ends", () => {
    const { announced, summaries, beforeSynced } = catchUp([5_000, 1_000]);
    expect(beforeSynced).toEqual([]);
    expect(announced).toEqual(["s1", "s2", "s3"]);
    expect(summaries).toEqual([0]);
  });

  it("a catch-up with an alert older than two minutes is one summary of all of them, and live ones still toast", () => {
    const { socket, announced, summaries } = catchUp([60 * 60_000, 10 * 60_000, 5_000]);
    expect(announced).toEqual(["s4"]);
    expect(summaries).toEqual([3]);
    expect(socket.alerts().map((alert) => alert.id)).toEqual(["s4", "s3", "s2", "s1"]);
    expect(socket.unreadCount()).toBe(4);
  });

  it("a catch-up of more than three fresh alerts is one summary too", () => {
    const { announced, summaries } = catchUp([1000, 1000, 1000, 1000, 1000]);
    expect(announced).toEqual(["s6"]);
    expect(summaries).toEqual([5]);
  });

  it("takes the server's cursor after catch-up (its store was reset and counts from 1 again)", () => {
    const { socket } = setup({ initialCursor: 900 });
    socket.connect();
    const ws = openConnection();
    ws.receive({ type: "synced", replayed: 0, cursor: 12 });
    expect(socket.cursor()).toBe(12);
    ws.receive({ type: "alert", alert: aliceAt(13) });
    expect(socket.cursor()).toBe(13);
  });
});

describe("acknowledging alerts", () => {
  const acks = (ws: FakeWebSocket) => ws.sent.map((text) => JSON.parse(text)).filter((frame) => frame.type === "ack");

  it("acks each alert it lists, live or replayed, once, even when the server sends it twice", () => {
    const { socket } = setup();
    socket.connect();
    const ws = openConnection();
    const live = anAlert("live-1");
    const replayed = anAlert("replayed-1");
    ws.receive({ type: "alert", alert: replayed, replayed: true });
    ws.receive({ type: "synced", replayed: 1, cursor: replayed.seq });
    ws.receive({ type: "alert", alert: live });
    ws.receive({ type: "alert", alert: live });
    expect(acks(ws)).toEqual([
      { type: "ack", id: "replayed-1" },
      { type: "ack", id: "live-1" },
    ]);
  });

  it("a silent alert is listed, counted and acked, but raises no toast event", () => {
    const { socket } = setup();
    const toasts: string[] = [];
    socket.onAlert((alert) => toasts.push(alert.id));
    socket.connect();
    const ws = openConnection(latest(), 0);
    ws.receive({ type: "alert", alert: anAlert("quiet-1"), silent: true });
    ws.receive({ type: "alert", alert: anAlert("loud-1") });
    expect(toasts).toEqual(["loud-1"]);
    expect(socket.alerts().map((alert) => alert.id)).toEqual(["loud-1", "quiet-1"]);
    expect(socket.unreadCount()).toBe(2);
    expect(acks(ws).map((frame) => frame.id)).toEqual(["quiet-1", "loud-1"]);
  });

  it("silent replayed alerts are listed but neither toasted nor summarised after the catch-up", () => {
    const { socket } = setup();
    const toasts: string[] = [];
    const summaries: number[] = [];
    socket.onAlert((alert) => toasts.push(alert.id));
    socket.onCaughtUp((count) => summaries.push(count));
    socket.connect();
    const ws = openConnection();
    const quiet = anAlert("replayed-quiet");
    const loud = anAlert("replayed-loud");
    ws.receive({ type: "alert", alert: quiet, replayed: true, silent: true });
    ws.receive({ type: "alert", alert: loud, replayed: true });
    ws.receive({ type: "synced", replayed: 2, cursor: loud.seq });
    expect(toasts).toEqual(["replayed-loud"]);
    expect(summaries).toEqual([0]);
    expect(socket.alerts().map((alert) => alert.id).sort()).toEqual(["replayed-loud", "replayed-quiet"]);
    expect(acks(ws).map((frame) => frame.id)).toEqual(["replayed-quiet", "replayed-loud"]);
  });

  it("an ack that could not be sent goes out after the next hello", () => {
    const { socket } = setup();
    socket.connect();
    const first = openConnection();
    // The socket broke while sending: the browser throws on send, the client keeps the ack.
    first.readyState = FakeWebSocket.CLOSING;
    first.receive({ type: "alert", alert: anAlert("late-1") });
    expect(acks(first)).toEqual([]);
    first.drop();
    vi.advanceTimersByTime(60_000);
    const second = openConnection();
    expect(acks(second)).toEqual([{ type: "ack", id: "late-1" }]);
  });
});
