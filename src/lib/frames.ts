/**
 * Turns raw socket data into typed server frames. Anything malformed is dropped and logged once
 * per kind, so a misbehaving server can neither crash the client nor flood the console.
 */
import { parseServerFrame, type ServerFrame } from "~/shared/protocol";

export type IncomingFrame = ServerFrame;

const KNOWN_TYPES = new Set(["hello", "pong", "alert", "unread", "synced", "error", "stats", "event", "reconnect"]);

export interface FrameReader {
  /** The frame, or null when the data is not a frame this client understands. */
  read(data: unknown): IncomingFrame | null;
  /** console.warn the first time `kind` is seen; later ones are silent. */
  warnOnce(kind: string, detail: string): void;
}

/**
 * @example
 * const frames = makeFrameReader();
 * socket.onmessage = (event) => { const frame = frames.read(event.data); if (frame) handle(frame); };
 */
export function makeFrameReader(): FrameReader {
  const warned = new Set<string>();

  function warnOnce(kind: string, detail: string): void {
    if (warned.has(kind)) return;
    warned.add(kind);
    console.warn(`[alert socket] ignoring ${kind} (${detail}); further ones are not logged`);
  }

  return {
    read(data) {
      if (typeof data !== "string") {
        warnOnce("binary frame", "the server only sends JSON text");
        return null;
      }
      const frame = parseServerFrame(data);
      if (!frame) warnOnce(malformedKind(data), "does not match the wire protocol");
      return frame;
    },
    warnOnce,
  };
}

/** A bounded set of kinds, so the once-per-kind memory cannot grow with what the server sends. */
function malformedKind(text: string): string {
  const json = parseJson(text);
  if (json === undefined) return "non-JSON frame";
  const type = typeof json === "object" && json !== null ? (json as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return "frame without a type";
  return KNOWN_TYPES.has(type) ? `malformed ${type} frame` : "frame of unknown type";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
