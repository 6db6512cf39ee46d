/**
 * The delivery path, wired in one place: publisher → channels (socket first) → bus → local
 * fan-out → this process's sockets. The runtime and the unit tests build it the same way.
 */
import type { AlertBus } from "./bus/types";
import type { DeliveryChannel } from "./channels/types";
import { createWebSocketChannel } from "./channels/websocket";
import { createInbox } from "./inbox/inbox";
import { createMemoryUnreadCounter } from "./inbox/unread-counter";
import { attachLocalFanout } from "./realtime/local-fanout";
import type { PeerRegistry } from "./realtime/peer-registry";
import { createLocalPresence } from "./realtime/presence";
import { createAlertPublisher } from "./services/alert.publisher";

export interface DeliveryOptions {
  registry: PeerRegistry;
  bus: AlertBus;
  maxGroupSize: number;
  /** The ladder of channels, given the websocket channel; default: that channel alone. */
  ladder?: (websocket: DeliveryChannel) => DeliveryChannel[];
  now?: () => Date;
}

export function wireDelivery(options: DeliveryOptions) {
  const { registry, bus } = options;
  attachLocalFanout(bus, registry);
  const presence = createLocalPresence(registry);
  const websocket = createWebSocketChannel(bus, presence);
  const unread = createMemoryUnreadCounter();
  const publisher = createAlertPublisher({
    channels: options.ladder ? options.ladder(websocket) : [websocket],
    unread,
    maxGroupSize: options.maxGroupSize,
    now: options.now,
  });
  return { presence, unread, publisher, inbox: createInbox(unread, registry) };
}
