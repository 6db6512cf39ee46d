/**
 * The /ws/alerts WebSocket route (a vinxi http router, see app.config.ts).
 * upgrade: path, origin, token and cursor checks; open: register the user's socket, say hello
 * and catch it up from the store (see realtime/greeting.ts); message: ping → pong, ack → the
 * delivery ladder (this user's alerts only), everything else answered with an error frame;
 * close/error: forget the socket. Hooks never throw on client input.
 */
import { isUtf8 } from "node:buffer";
import type { Message, Peer } from "crossws";
import { eventHandler } from "vinxi/http";
import type { Alert } from "../shared/alert";
import { CloseCode } from "../shared/close-codes";
import { errorFrame, MAX_CLIENT_FRAME_BYTES, parseClientFrame, type ServerFrame } from "../shared/protocol";
import type { SessionClaims } from "./auth/token";
import { json } from "./http/responses";
import { log } from "./log";
import { withLogContext } from "./observe/log-context";
import { createAlertStream } from "./realtime/alert-stream";
import { capIncomingFrameSize } from "./realtime/frame-guard";
import { greetAndCatchUp } from "./realtime/greeting";
import { authorizeUpgrade, refusal, unavailableRefusal } from "./realtime/upgrade-auth";
import { getRuntime } from "./runtime";

interface PeerContext {
  claims?: SessionClaims;
  after?: number | null;
}

function send(peer: Peer, frame: ServerFrame): void {
  peer.send(JSON.stringify(frame));
}

export default eventHandler({
  handler() {
    // Plain HTTP requests to /ws/*: this router only speaks WebSocket.
    return json(426, { error: { code: "upgrade_required", message: "connect with a WebSocket" } }, { upgrade: "websocket" });
  },
  websocket: {
    async upgrade(request) {
      const runtime = getRuntime();
      // Storm control first: a refused upgrade must cost less than an admitted one (no JWT check, no store read).
      if (runtime.lifecycle.draining) throw unavailableRefusal("server_draining", 1);
      const admission = runtime.admission.admit();
      if (!admission.ok) throw unavailableRefusal("server_busy", admission.retryAfterSeconds);
      const decision = await authorizeUpgrade(request, runtime.config, (userId) => runtime.registry.countFor(userId));
      if (!decision.ok) {
        log("info", "ws upgrade refused", { status: decision.status, code: decision.code });
        throw refusal(decision);
      }
      Object.assign(request.context as PeerContext, { claims: decision.claims, after: decision.after });
    },

    open(peer) {
      const { claims } = peer.context as PeerContext;
      withLogContext({ connectionId: peer.id, userId: claims?.userId }, () => openConnection(peer));
    },

    message(peer, message) {
      withLogContext({ connectionId: peer.id }, () => handleMessage(peer, message));
    },

    close(peer) {
      getRuntime().registry.remove(peer);
    },

    error(peer, error) {
      withLogContext({ connectionId: peer.id }, () => log("warn", "ws peer error", { error }));
      getRuntime().registry.remove(peer);
    },
  },
});

function openConnection(peer: Peer): void {
  const runtime = getRuntime();
  const { claims, after = null } = peer.context as PeerContext;
  if (!claims) {
    // Cannot happen unless upgrade was bypassed; refuse rather than serve anonymously.
    peer.close(CloseCode.Unauthorized, "unauthorized");
    return;
  }
  capIncomingFrameSize(peer.websocket, MAX_CLIENT_FRAME_BYTES);
  const now = Date.now();
  const closeForStore = (error: unknown) => {
    runtime.reportError("store", "alert store unreadable for a connection; asking the client to resume later", error);
    peer.close(CloseCode.StoreUnavailable, "store unavailable");
  };
  // Replayed alerts are silent when the user's policy says so (live ones carry the publisher's flag).
  let isSilent: (alert: Alert) => boolean = () => false;
  const silencerLoaded = runtime.ladder.replaySilencer(claims.userId).then((silencer) => {
    isSilent = silencer;
  });
  const rawSocket = peer.websocket as { bufferedAmount?: number };
  const stream = createAlertStream({
    send: (frame) => peer.send(frame),
    isSilent: (alert) => isSilent(alert),
    readAfter: (cursor, limit) => runtime.store.readAfter(claims.userId, cursor, limit),
    onReadError: closeForStore,
    backlogBytes: () => rawSocket.bufferedAmount ?? 0,
    maxBacklogBytes: runtime.config.wsMaxBufferedBytes,
    drainTimeoutMs: runtime.config.wsDrainTimeoutMs,
    onSlowConsumer: () => closeSlowConsumer(peer, rawSocket.bufferedAmount ?? 0),
  });
  runtime.registry.add({
    socket: peer,
    userId: claims.userId,
    role: claims.role,
    openedAt: now,
    expiresAt: claims.expiresAt * 1000,
    lastSeenAt: now,
    stream,
  });
  const greet = { store: runtime.store, stream, userId: claims.userId, after, ready: silencerLoaded };
  greetAndCatchUp({ ...greet, send: (frame) => send(peer, frame) }).catch(closeForStore);
}

/** How long a slow consumer gets to take its close frame (queued behind its backlog) before its TCP connection is cut. */
const SLOW_CONSUMER_CLOSE_GRACE_MS = 5_000;

/**
 * The client stopped reading. It is forgotten first, so the ladder counts its user as offline
 * here and no alert counts as delivered to it. Then it gets 4003, which it reads only if it
 * catches up with its backlog. Either way the connection is cut after a grace period, because
 * cutting it is what frees the memory the backlog holds.
 */
function closeSlowConsumer(peer: Peer, bufferedBytes: number): void {
  const runtime = getRuntime();
  runtime.registry.remove(peer);
  log("warn", "ws client not reading; closing it", { bufferedBytes, limitBytes: runtime.config.wsMaxBufferedBytes });
  peer.close(CloseCode.SlowConsumer, "client not reading");
  setTimeout(() => peer.terminate(), SLOW_CONSUMER_CLOSE_GRACE_MS).unref();
}

function handleMessage(peer: Peer, message: Message): void {
  const connection = getRuntime().registry.get(peer.id);
  if (!connection) return; // culled or closing: ignore late frames
  connection.lastSeenAt = Date.now();

  const raw = message.rawData;
  if (byteLength(raw) > MAX_CLIENT_FRAME_BYTES) {
    send(peer, errorFrame("frame_too_large", `frames are limited to ${MAX_CLIENT_FRAME_BYTES} bytes`));
    peer.close(CloseCode.MessageTooBig, "frame too large");
    return;
  }
  if (!isUtf8Text(raw)) {
    send(peer, errorFrame("binary_not_supported", "send JSON text frames"));
    return;
  }
  const text = message.text();
  const parsed = parseClientFrame(text);
  if (!parsed.ok) {
    send(peer, parsed.error);
    return;
  }
  switch (parsed.frame.type) {
    case "ping":
      send(peer, { type: "pong", serverTime: new Date().toISOString() });
      break;
    case "ack":
      acknowledge(peer, connection.userId, parsed.frame.id);
      break;
  }
}

/** The user comes from the socket's verified token, never from the frame: nobody acks another user's alert. */
function acknowledge(peer: Peer, userId: string, alertId: string): void {
  const runtime = getRuntime();
  // The answer comes after an await: the socket may have closed by then, and a throw here would be an unhandled rejection.
  const answer = (frame: ServerFrame) => {
    try {
      send(peer, frame);
    } catch {
      // closed meanwhile: nobody to tell
    }
  };
  runtime.ladder.hooks.acknowledge(userId, alertId, "websocket").then(
    (result) => {
      if (result === "not_found") answer(errorFrame("unknown_alert", "no such alert for this user"));
    },
    (error) => {
      runtime.reportError("store", "could not record an acknowledgement", error);
      answer(errorFrame("ack_failed", "the acknowledgement could not be recorded; send it again later"));
    },
  );
}

function byteLength(data: unknown): number {
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0);
  return 0;
}

/**
 * crossws on Node hands text frames over as Buffers too and drops ws's `isBinary` flag,
 * so a frame counts as text when it is valid UTF-8.
 */
function isUtf8Text(data: unknown): boolean {
  if (typeof data === "string") return true;
  if (Buffer.isBuffer(data)) return isUtf8(data);
  return false;
}
