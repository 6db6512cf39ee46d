/**
 * The delivery path, wired in one place: publisher → store → channels (socket first) → bus →
 * local fan-out → each connection's stream → this process's sockets. The runtime and the
 * unit tests build it the same way.
 */
import type { AlertBus } from "./bus/types";
import type { DeliveryChannel } from "./channels/types";
import { createWebSocketChannel, type SilenceReason } from "./channels/websocket";
import { createInbox, type InboxDeps } from "./inbox/inbox";
import type { EscalationHooks } from "./ladder/acknowledgements";
import type { EventHub } from "./observe/events";
import { attachLocalFanout } from "./realtime/local-fanout";
import type { PeerRegistry } from "./realtime/peer-registry";
import { createLocalPresence, type Presence } from "./realtime/presence";
import { resyncConnections } from "./realtime/resync";
import { createAlertPublisher } from "./services/alert.publisher";
import type { AlertStore } from "./store/types";

export interface DeliveryOptions {
  registry: PeerRegistry;
  bus: AlertBus;
  store: AlertStore;
  maxGroupSize: number;
  onRecordError?: (error: unknown) => void;
  /** The ladder of channels, given the websocket channel; default: that channel alone. */
  ladder?: (websocket: DeliveryChannel) => DeliveryChannel[];
  now?: () => Date;
  events?: EventHub;
  /** Cluster-wide presence (Redis); default: this process's registry. */
  presence?: Presence;
  /** The escalation ladder (push, email after no ack); default: none (socket only). */
  escalation?: EscalationHooks;
  /** The ladder's state per alert, shown in the inbox's detail view. */
  escalationOf?: InboxDeps["escalationOf"];
  onEscalationError?: (error: unknown) => void;
  /** Whether an alert's frame goes out silent (the user's preferences); default: every alert toasts. */
  silenceReason?: SilenceReason;
}

export function wireDelivery(options: DeliveryOptions) {
  const { registry, bus } = options;
  attachLocalFanout(bus, registry);
  // A networked bus that lost messages asks the affected connections to re-read the store.
  bus.onResync((userIds) => void resyncConnections(registry, userIds));
  const events = options.events;
  if (events) {
    registry.onChange((connection, change, sockets) =>
      events.emit({ type: "connection", at: new Date().toISOString(), userId: connection.userId, change, sockets }),
    );
  }
  const presence = options.presence ?? createLocalPresence(registry);
  const websocket = createWebSocketChannel(bus, presence, options.silenceReason);
  const publisher = createAlertPublisher({
    store: options.store,
    channels: options.ladder ? options.ladder(websocket) : [websocket],
    maxGroupSize: options.maxGroupSize,
    now: options.now,
    onRecordError: options.onRecordError,
    events: options.events,
    escalation: options.escalation,
    onEscalationError: options.onEscalationError,
  });
  return { presence, publisher, inbox: createInbox({ store: options.store, bus, escalationOf: options.escalationOf, now: options.now }) };
}
