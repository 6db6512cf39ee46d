/**
 * The delivery path exactly as src/server/runtime.ts wires it (wireDelivery over a memory bus,
 * a real registry and a real SQLite store in memory), minus config and timers, with recording
 * sockets that connect the way the ws route does (hello, catch-up, synced).
 */
import { createMemoryBus } from "~/server/bus/memory";
import type { DeliveryChannel } from "~/server/channels/types";
import type { SilenceReason } from "~/server/channels/websocket";
import { wireDelivery } from "~/server/delivery";
import { createEventHub } from "~/server/observe/events";
import { createAlertStream } from "~/server/realtime/alert-stream";
import { greetAndCatchUp } from "~/server/realtime/greeting";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";
import type { Alert } from "~/shared/alert";
import { parseServerFrame, type ServerFrame } from "~/shared/protocol";
import { connectionFor, recordingSocket } from "./recording-socket";

export interface LocalBeaconOptions {
  /** The delivery ladder, given the real websocket channel; defaults to just that channel. */
  channels?: (websocket: DeliveryChannel) => DeliveryChannel[];
  maxGroupSize?: number;
  now?: () => Date;
  /** Defaults to a fresh in-memory SQLite store. */
  store?: AlertStore;
  /** Which alerts go out silent (the user's policy); default: none. */
  silenceReason?: SilenceReason;
}

export function localBeacon(options: LocalBeaconOptions = {}) {
  const registry = new PeerRegistry();
  const store = options.store ?? createSqliteStore(":memory:");
  // A listener that throws is a test failure, not something to swallow.
  const bus = createMemoryBus((error) => {
    throw error;
  });
  const events = createEventHub((error) => {
    throw error;
  });
  const { publisher, inbox } = wireDelivery({
    registry,
    bus,
    store,
    maxGroupSize: options.maxGroupSize ?? 10,
    ladder: options.channels,
    now: options.now,
    events,
    silenceReason: options.silenceReason,
  });

  /** Opens a tab for the user (resuming after `after` when given) and waits until it is caught up. */
  async function connect(userId: string, after: number | null = null) {
    const socket = recordingSocket();
    const stream = createAlertStream({
      send: (frame) => socket.send(frame),
      readAfter: (cursor, limit) => store.readAfter(userId, cursor, limit),
      onReadError: (error) => {
        throw error;
      },
    });
    registry.add(connectionFor(userId, socket, {}, stream));
    await greetAndCatchUp({ store, stream, userId, after, send: (frame) => socket.send(JSON.stringify(frame)) });
    return socket;
  }

  const unread = async (userId: string) => (await store.unreadState(userId)).unreadCount;
  return { publisher, inbox, store, registry, bus, events, connect, unread };
}

export function framesOn(socket: { sent: string[] }): ServerFrame[] {
  return socket.sent.map((text) => {
    const frame = parseServerFrame(text);
    if (!frame) throw new Error(`not a valid server frame: ${text}`);
    return frame;
  });
}

/** The alerts a socket received (hello, synced and unread frames left out), parsed with the browser client's own parser. */
export function alertsOn(socket: { sent: string[] }): Alert[] {
  return framesOn(socket).flatMap((frame) => (frame.type === "alert" ? [frame.alert] : []));
}
