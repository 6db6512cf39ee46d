/**
 * The delivery path exactly as src/server/runtime.ts wires it (wireDelivery over a memory bus
 * and a real registry), minus config and timers, with recording sockets to connect.
 */
import { createMemoryBus } from "~/server/bus/memory";
import type { DeliveryChannel } from "~/server/channels/types";
import { wireDelivery } from "~/server/delivery";
import { PeerRegistry } from "~/server/realtime/peer-registry";
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
  const { publisher, unread } = wireDelivery({
    registry,
    bus,
    maxGroupSize: options.maxGroupSize ?? 10,
    ladder: options.channels,
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
