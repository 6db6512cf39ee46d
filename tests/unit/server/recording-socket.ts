/** A stand-in for a crossws peer: records what the server writes and how it closed. */
import type { Connection, SocketLike } from "~/server/realtime/connection";

export interface RecordingSocket extends SocketLike {
  readonly sent: string[];
  readonly closes: Array<{ code?: number; reason?: string }>;
}

let nextId = 0;

export function recordingSocket(options: { failOnSend?: boolean } = {}): RecordingSocket {
  const sent: string[] = [];
  const closes: Array<{ code?: number; reason?: string }> = [];
  return {
    id: `socket-${++nextId}`,
    sent,
    closes,
    send(data) {
      if (options.failOnSend) throw new Error("socket already closed");
      sent.push(data);
    },
    close(code, reason) {
      closes.push({ code, reason });
    },
  };
}

/** A connection as the ws route registers it on open; times default to "just now, valid for an hour". */
export function connectionFor(userId: string, socket: SocketLike, times: Partial<Pick<Connection, "openedAt" | "lastSeenAt" | "expiresAt">> = {}): Connection {
  const now = Date.now();
  return {
    socket,
    userId,
    role: "user",
    openedAt: times.openedAt ?? now,
    lastSeenAt: times.lastSeenAt ?? now,
    expiresAt: times.expiresAt ?? now + 3_600_000,
  };
}
