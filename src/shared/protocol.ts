/**
 * The /ws/alerts wire protocol: every frame either side may send, as zod schemas.
 * Frames are JSON objects discriminated by `type`.
 */
import { z } from "zod";
import { AdminEventSchema, ClusterStatsSchema } from "./admin";
import { AlertSchema } from "./alert";

export const WS_PATH = "/ws/alerts";

/** Largest client frame the server reads; clients only ever send tiny control frames. */
export const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

/** Defaults shared by the browser client and the server's culling deadline. */
export const HEARTBEAT = {
  /** The client pings this often. */
  pingIntervalMs: 30_000,
  /** The client treats a missing pong after this long as a dead connection. */
  pongTimeoutMs: 10_000,
  /** The server culls a peer that has been silent this long (two missed pings plus slack). */
  serverIdleTimeoutMs: 75_000,
} as const;

// ---- client → server -------------------------------------------------------

export const PingFrameSchema = z.object({ type: z.literal("ping") });

/**
 * "This alert reached me": sent once per alert by a tab that showed it (toast) or listed it.
 * An alert no tab acknowledges within ACK_WINDOW_MS climbs the delivery ladder (push, email).
 */
export const AckFrameSchema = z.object({ type: z.literal("ack"), id: z.string().min(1).max(64) });

export const ClientFrameSchema = z.discriminatedUnion("type", [PingFrameSchema, AckFrameSchema]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type AckFrame = z.infer<typeof AckFrameSchema>;

// ---- server → client -------------------------------------------------------

/** Connect with `?after=<seq>` (the last alert seen) to be sent every stored alert after it. */
export const CURSOR_PARAM = "after";

export const HelloFrameSchema = z.object({
  type: z.literal("hello"),
  /** Server clock, so the client can show relative times that match. */
  serverTime: z.iso.datetime(),
  /** Unread alerts up to and including seq `cursor`; alerts with a higher seq follow this frame. */
  unreadCount: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  userId: z.string(),
});

export const PongFrameSchema = z.object({ type: z.literal("pong"), serverTime: z.iso.datetime() });

/**
 * Alerts reach a connection in seq order, each once. `replayed` marks ones read back from
 * the store (catch-up after a reconnect, or the unread ones on a first connection).
 * `silent`: the user's preferences say no toast for this one (Do-Not-Disturb, toasts off for
 * the service); the client still lists it, counts it and acknowledges it.
 */
export const AlertFrameSchema = z.object({
  type: z.literal("alert"),
  alert: AlertSchema,
  replayed: z.boolean().optional(),
  silent: z.literal(true).optional(),
});

/** The user's unread count changed (read in another tab or device): the count up to seq `cursor`. */
export const UnreadFrameSchema = z.object({
  type: z.literal("unread"),
  unreadCount: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
});

/**
 * The catch-up is over: `replayed` alerts were sent from the store and everything after
 * arrives live. `cursor` is the connection's position; a client whose saved cursor was
 * ahead of the server's (the store was reset) takes this one.
 */
export const SyncedFrameSchema = z.object({
  type: z.literal("synced"),
  replayed: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
});

/** Longest delay a `reconnect` frame may ask for. */
export const MAX_RECONNECT_AFTER_MS = 10 * 60_000;

/**
 * The server is about to close this socket (it is draining): reconnect after `afterMs`, not
 * on the client's own backoff, resuming from the cursor. Each socket gets its own random
 * delay, so a deploy spreads its users' reconnects over a window instead of one spike.
 */
export const ReconnectFrameSchema = z.object({
  type: z.literal("reconnect"),
  afterMs: z.number().int().nonnegative().max(MAX_RECONNECT_AFTER_MS),
  reason: z.enum(["draining"]),
});

export const ERROR_CODES = [
  "invalid_json",
  "invalid_frame",
  "unknown_type",
  "frame_too_large",
  "binary_not_supported",
  /** An ack named an alert that is not this user's (or no longer exists). */
  "unknown_alert",
  /** The ack could not be recorded right now; the ladder may still escalate. */
  "ack_failed",
] as const;
export const ErrorFrameSchema = z.object({
  type: z.literal("error"),
  code: z.enum(ERROR_CODES),
  message: z.string(),
});

/**
 * Admin sockets only (JWT role "admin"): the cluster's figures, every STATS_INTERVAL_MS
 * (src/shared/admin.ts). No other user's socket is ever sent one.
 */
export const StatsFrameSchema = ClusterStatsSchema.extend({ type: z.literal("stats") });

/** Admin sockets only: something happened on server `serverId` (an alert accepted, a delivery outcome, a socket, an error). */
export const EventFrameSchema = z.object({ type: z.literal("event"), serverId: z.string(), event: AdminEventSchema });

export const ServerFrameSchema = z.discriminatedUnion("type", [
  HelloFrameSchema,
  PongFrameSchema,
  AlertFrameSchema,
  UnreadFrameSchema,
  SyncedFrameSchema,
  ErrorFrameSchema,
  StatsFrameSchema,
  EventFrameSchema,
  ReconnectFrameSchema,
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
export type HelloFrame = z.infer<typeof HelloFrameSchema>;
export type AlertFrame = z.infer<typeof AlertFrameSchema>;
export type UnreadFrame = z.infer<typeof UnreadFrameSchema>;
export type SyncedFrame = z.infer<typeof SyncedFrameSchema>;
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>;
export type StatsFrame = z.infer<typeof StatsFrameSchema>;
export type EventFrame = z.infer<typeof EventFrameSchema>;
export type ReconnectFrame = z.infer<typeof ReconnectFrameSchema>;
export type ErrorFrameCode = ErrorFrame["code"];

/**
 * Parse text as a client frame. Returns the frame or the error frame to answer with,
 * so the socket handler never throws on input.
 */
/**
 * Built once: zod 4 compiles an object schema on its first parse, so a schema made per call
 * pays that compile on every frame (it was a tenth of the server's CPU once every alert was acked).
 */
const TypedFrameSchema = z.object({ type: z.string() });

export function parseClientFrame(text: string): { ok: true; frame: ClientFrame } | { ok: false; error: ErrorFrame } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: errorFrame("invalid_json", "frame is not valid JSON") };
  }
  const typed = TypedFrameSchema.safeParse(json);
  if (!typed.success) {
    return { ok: false, error: errorFrame("invalid_frame", "frame must be a JSON object with a string `type`") };
  }
  const parsed = ClientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const known = ClientFrameSchema.options.some((option) => option.shape.type.value === typed.data.type);
    return known
      ? { ok: false, error: errorFrame("invalid_frame", "frame has invalid or missing fields for its type") }
      : { ok: false, error: errorFrame("unknown_type", "unknown frame type; the server accepts: ping, ack") };
  }
  return { ok: true, frame: parsed.data };
}

export function errorFrame(code: ErrorFrameCode, message: string): ErrorFrame {
  return { type: "error", code, message };
}

/** Parse a server frame on the client; unknown or malformed frames give null (ignored, logged). */
export function parseServerFrame(text: string): ServerFrame | null {
  try {
    const parsed = ServerFrameSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
