/** A stand-in for a crossws peer: records what the server writes and how it closed. */
import { type AlertStream, createAlertStream } from "~/server/realtime/alert-stream";
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

/**
 * A connection as the ws route registers it on open; times default to "just now, valid for an
 * hour"; the stream defaults to one that is live from seq 0 with nothing stored.
 */
export function connectionFor(
  userId: string,
  socket: SocketLike,
  times: Partial<Pick<Connection, "openedAt" | "lastSeenAt" | "expiresAt">> = {},
  stream: AlertStream = liveStream(socket),
): Connection {
  const now = Date.now();
  return {
    stream,
    socket,
    userId,
    role: "user",
    openedAt: times.openedAt ?? now,
    lastSeenAt: times.lastSeenAt ?? now,
    expiresAt: times.expiresAt ?? now + 3_600_000,
  };
}

function liveStream(socket: SocketLike): AlertStream {
  const stream = createAlertStream({ send: (frame) => socket.send(frame), readAfter: async () => [], onReadError: () => {} });
  void stream.begin(0);
  return stream;
}
