/**
 * Draining this server's sockets before it exits (deploy, restart, scale-in). Every socket is
 * told when to come back — a random moment spread evenly over the window, so N users make
 * N/window reconnects per second on the remaining servers instead of one spike — and then
 * closed with 4010 (retry after the given delay). Clients resume from their cursor, so alerts
 * published meanwhile reach them from the store.
 */
import { CloseCode } from "../../shared/close-codes";
import type { ReconnectFrame } from "../../shared/protocol";
import type { PeerRegistry } from "./peer-registry";

export interface DrainOptions {
  windowMs: number;
  /** Longest wait for the sockets to finish closing. */
  timeoutMs: number;
  random?: () => number;
  /** Sockets closed per event-loop turn: ten thousand at once would stall the loop. */
  sliceSize?: number;
}

export interface DrainReport {
  /** Sockets told to reconnect. */
  told: number;
  /** Sockets still open when the timeout ran out (0 when all closed in time). */
  leftOpen: number;
  delaysMs: { min: number; max: number };
}

export async function drainConnections(registry: PeerRegistry, options: DrainOptions): Promise<DrainReport> {
  const random = options.random ?? Math.random;
  const sliceSize = options.sliceSize ?? 500;
  const connections = [...registry.all()];
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < connections.length; i += sliceSize) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const { socket } of connections.slice(i, i + sliceSize)) {
      const afterMs = Math.floor(random() * options.windowMs);
      min = Math.min(min, afterMs);
      max = Math.max(max, afterMs);
      const frame: ReconnectFrame = { type: "reconnect", afterMs, reason: "draining" };
      try {
        socket.send(JSON.stringify(frame));
        // The close frame is queued behind everything already sent, so in-flight alerts go out first.
        socket.close(CloseCode.ServerDraining, "server draining");
      } catch {
        // Already gone: its close hook removes it.
      }
    }
  }
  const deadline = Date.now() + options.timeoutMs;
  while (registry.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  return { told: connections.length, leftOpen: registry.size, delaysMs: { min: connections.length ? min : 0, max } };
}
