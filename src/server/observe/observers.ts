/**
 * Everything that watches the event hub, wired once: the outcome tracker that tells
 * fallbacks apart, this server's dashboard figures, the Prometheus metrics and the
 * dashboard feed. One subscription, so each event is classified once for all of them.
 */
import type { AlertBus } from "../bus/types";
import type { PeerRegistry } from "../realtime/peer-registry";
import { type AdminFeed, startAdminFeed } from "./admin-feed";
import { createOutcomeTracker } from "./alert-outcomes";
import type { EventHub } from "./events";
import { type BeaconMetrics, createMetrics } from "./metrics";
import { createStatsRecorder } from "./stats-recorder";

export interface Observers {
  metrics: BeaconMetrics;
  adminFeed: AdminFeed;
  stop(): void;
}

export function attachObservers(options: {
  serverId: string;
  startedAt: Date;
  events: EventHub;
  bus: AlertBus;
  registry: PeerRegistry;
  storeKind: string;
  onError(error: unknown): void;
}): Observers {
  const { registry, bus } = options;
  const outcomes = createOutcomeTracker();
  const stats = createStatsRecorder();
  const metrics = createMetrics({
    serverId: options.serverId,
    bus: bus.kind,
    store: options.storeKind,
    gauges: { sockets: () => registry.size, usersOnline: () => registry.userCount },
  });
  const adminFeed = startAdminFeed({
    serverId: options.serverId,
    bus,
    registry,
    onError: options.onError,
    snapshot: (live) =>
      stats.snapshot({
        ...live,
        serverId: options.serverId,
        startedAt: options.startedAt,
        bus: bus.kind,
        store: options.storeKind,
        sockets: registry.size,
        usersOnline: registry.userCount,
      }),
  });
  const unsubscribe = options.events.subscribe((event) => {
    const outcome = outcomes.observe(event);
    stats.record(event, outcome);
    metrics.record(event, outcome);
    adminFeed.record(event);
  });
  return {
    metrics,
    adminFeed,
    stop() {
      unsubscribe();
      adminFeed.stop();
    },
  };
}
