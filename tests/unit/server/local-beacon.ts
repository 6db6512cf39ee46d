/**
 * The publisher wired as src/server/runtime.ts wires it (memory bus, local fan-out, real
 * registry and presence), minus config and timers, with recording sockets to connect.
 */
import { createMemoryBus } from "~/server/bus/memory";
import type { DeliveryChannel } from "~/server/channels/types";
import { createWebSocketChannel } from "~/server/channels/websocket";
import { createMemoryUnreadCounter } from "~/server/inbox/unread-counter";
import { attachLocalFanout } from "~/server/realtime/local-fanout";
import { PeerRegistry } from "~/server/realtime/peer-registry";
import { createLocalPresence } from "~/server/realtime/presence";
import { createAlertPublisher } from "~/server/services/alert.publisher";
import type { Alert } from "~/shared/alert";
import { parseServerFrame } from "~/shared/protocol";
import { connectionFor, recordingSocket } from "./recording-socket";

export interface LocalBeaconOptions {
  /** The delivery ladder, given the real websocket channel; defaults to just that channel. */
  channels?: (websocket: DeliveryChannel) => DeliveryChannel[];
  maxGroupSize?: number;
  now?: () => Date;
}

export function localBeacon(options: LocalBeaconOptions = {}) {
  const registry = new PeerRegistry();
  // A listener that throws is a test failure, not something to swallow.
  const bus = createMemoryBus((error) => {
    throw error;
  });
  attachLocalFanout(bus, registry);
  const websocket = createWebSocketChannel(bus, createLocalPresence(registry));
  const unread = createMemoryUnreadCounter();
  const publisher = createAlertPublisher({
    channels: options.channels ? options.channels(websocket) : [websocket],
    unread,
    maxGroupSize: options.maxGroupSize ?? 10,
    now: options.now,
  });
  /** Opens a tab for the user. */
  function connect(userId: string) {
    const socket = recordingSocket();
    registry.add(connectionFor(userId, socket));
    return socket;
  }
  return { publisher, unread, registry, connect };
}

/** The alerts a socket received, parsed with the browser client's own parser. */
export function alertsOn(socket: { sent: string[] }): Alert[] {
  return socket.sent.map((text) => {
    const frame = parseServerFrame(text);
    if (frame?.type !== "alert") throw new Error(`not an alert frame: ${text}`);
    return frame.alert;
  });
}
