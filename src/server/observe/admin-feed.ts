/**
 * The operators' dashboard feed. Every STATS_INTERVAL_MS this server puts its figures on the
 * bus and sends every admin socket here the cluster's (each server's latest, labelled); each
 * event goes at once to the admin sockets here, and over the bus to other servers while any
 * of them has a dashboard open (their figures say so). Only connections whose token carries
 * role "admin" are ever sent a frame from here.
 */
import { type ClusterStats, STATS_INTERVAL_MS, type ServerEvent, type ServerStats } from "../../shared/admin";
import type { EventFrame, StatsFrame } from "../../shared/protocol";
import type { AlertBus, BusMessage } from "../bus/types";
import type { Connection } from "../realtime/connection";
import type { PeerRegistry } from "../realtime/peer-registry";
import type { BeaconEvent } from "./events";
import type { LiveFigures } from "./stats-recorder";

/** Most event frames one server sends its dashboards per second; a busier second is counted as dropped. */
const EVENT_FRAMES_PER_SECOND = 200;
/** Events kept for a dashboard's first paint. */
const RECENT_EVENTS = 200;
/** How long events wait to travel to other servers together. */
const RELAY_BATCH_MS = 100;
const RELAY_BATCH_MAX = 500;
/** A server not heard from for this long has left the cluster view. */
const STALE_AFTER_MS = 3 * STATS_INTERVAL_MS;

export interface AdminFeedOptions {
  serverId: string;
  bus: AlertBus;
  registry: PeerRegistry;
  /** This server's figures now (the stats recorder's snapshot plus live counts). */
  snapshot(live: Pick<LiveFigures, "adminSockets" | "eventsDropped">): ServerStats;
  onError(error: unknown): void;
  intervalMs?: number;
  now?: () => number;
}

export interface AdminFeed {
  /** Feed one event from this server's hub. */
  record(event: BeaconEvent): void;
  clusterStats(): ClusterStats;
  recentEvents(): ServerEvent[];
  stop(): void;
}

export function startAdminFeed(options: AdminFeedOptions): AdminFeed {
  const { serverId, bus, registry } = options;
  const now = options.now ?? Date.now;
  const admins = new Set<Connection>();
  const others = new Map<string, { stats: ServerStats; heardAt: number }>();
  // Until when each other server has said it has a dashboard open; read on every event, so no sorting there.
  const watchingUntil = new Map<string, number>();
  const recent: ServerEvent[] = [];
  let relayBatch: BeaconEvent[] = [];
  let relayTimer: NodeJS.Timeout | null = null;
  let eventsDropped = 0;
  let frameBudget = { second: 0, left: EVENT_FRAMES_PER_SECOND };

  const stopWatchingSockets = registry.onChange((connection, change) => {
    if (connection.role !== "admin") return;
    if (change === "closed") {
      admins.delete(connection);
      return;
    }
    admins.add(connection);
    // After the open hook has said hello; and tell the other servers at once that a dashboard is watching.
    setImmediate(() => {
      const own = ownStats();
      publish({ type: "stats", serverId, stats: own });
      sendTo([connection], statsFrame(own));
    });
  });

  const stopListening = bus.subscribe((message: BusMessage) => {
    if (message.type === "stats" && message.serverId !== serverId) {
      others.set(message.serverId, { stats: message.stats, heardAt: now() });
      if (message.stats.adminSockets > 0) watchingUntil.set(message.serverId, now() + STALE_AFTER_MS);
      else watchingUntil.delete(message.serverId);
    } else if (message.type === "events" && message.serverId !== serverId) {
      for (const event of message.events) deliverEvent({ serverId: message.serverId, event });
    }
  });

  const ticker = setInterval(tick, options.intervalMs ?? STATS_INTERVAL_MS);
  ticker.unref();

  function tick(): void {
    const own = ownStats();
    publish({ type: "stats", serverId, stats: own });
    if (admins.size > 0) sendTo(admins, statsFrame(own));
  }

  function ownStats(): ServerStats {
    return options.snapshot({ adminSockets: admins.size, eventsDropped });
  }

  function freshOthers(): ServerStats[] {
    const cutoff = now() - STALE_AFTER_MS;
    const fresh: ServerStats[] = [];
    for (const [id, entry] of others) {
      if (entry.heardAt < cutoff) others.delete(id);
      else fresh.push(entry.stats);
    }
    return fresh.sort((a, b) => a.serverId.localeCompare(b.serverId));
  }

  function cluster(own: ServerStats): ClusterStats {
    return { at: new Date(now()).toISOString(), servers: [own, ...freshOthers()] };
  }

  function statsFrame(own: ServerStats): string {
    return JSON.stringify({ type: "stats", ...cluster(own) } satisfies StatsFrame);
  }

  function publish(message: BusMessage): void {
    try {
      bus.publish(message);
    } catch (error) {
      options.onError(error);
    }
  }

  function sendTo(connections: Iterable<Connection>, frame: string): void {
    for (const connection of connections) {
      try {
        connection.socket.send(frame);
      } catch {
        // Closing: its close hook removes it.
      }
    }
  }

  function deliverEvent(entry: ServerEvent): void {
    recent.push(entry);
    if (recent.length > RECENT_EVENTS) recent.shift();
    if (admins.size === 0) return;
    const second = Math.floor(now() / 1000);
    if (frameBudget.second !== second) frameBudget = { second, left: EVENT_FRAMES_PER_SECOND };
    if (frameBudget.left <= 0) {
      eventsDropped++;
      return;
    }
    frameBudget.left--;
    sendTo(admins, JSON.stringify({ type: "event", serverId: entry.serverId, event: entry.event } satisfies EventFrame));
  }

  function someoneElseWatching(): boolean {
    if (watchingUntil.size === 0) return false;
    const at = now();
    for (const [id, until] of watchingUntil) {
      if (until > at) return true;
      watchingUntil.delete(id);
    }
    return false;
  }

  function relay(event: BeaconEvent): void {
    if (relayBatch.length >= RELAY_BATCH_MAX) {
      eventsDropped++;
      return;
    }
    relayBatch.push(event);
    relayTimer ??= setTimeout(() => {
      relayTimer = null;
      const events = relayBatch;
      relayBatch = [];
      // Not reported as an error event: that event would be relayed too and fail the same way.
      try {
        bus.publish({ type: "events", serverId, events });
      } catch {
        // dropped: the dashboard misses one batch
      }
    }, RELAY_BATCH_MS);
  }

  return {
    record(event) {
      deliverEvent({ serverId, event });
      if (someoneElseWatching()) relay(event);
    },
    clusterStats: () => cluster(ownStats()),
    recentEvents: () => [...recent],
    stop() {
      clearInterval(ticker);
      if (relayTimer) clearTimeout(relayTimer);
      stopWatchingSockets();
      stopListening();
    },
  };
}
