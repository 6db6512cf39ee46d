/**
 * "Is this user connected?" — the question the delivery ladder asks before choosing
 * between the socket and the fallbacks. In one process the registry answers it; with Redis,
 * `presence-redis.ts` answers across servers behind the same interface.
 */
import type { MaybePromise } from "../maybe-promise";
import type { PeerRegistry } from "./peer-registry";

export interface PresenceReport {
  /** Live sockets the user has across every server this presence can see. */
  total: number;
  /** Sockets per server id (servers with none are left out). */
  servers: Record<string, number>;
}

export interface Presence {
  /**
   * Live sockets the user has. When this server holds some, their count (enough to answer
   * "connected anywhere?" without a network round trip, on the hot path of every alert, and
   * then at once, not as a promise); otherwise the count across every server whose lease is current.
   */
  connectionCount(userId: string): MaybePromise<number>;
  /** The exact picture across servers (dashboards, tests); costs a round trip with Redis. */
  connections(userId: string): Promise<PresenceReport>;
  /** Leave the cluster: remove this server's entries (graceful shutdown). */
  close(): Promise<void>;
}

export function createLocalPresence(registry: PeerRegistry, serverId = "local") {
  return {
    connectionCount(userId: string) {
      return registry.countFor(userId);
    },
    async connections(userId: string) {
      const count = registry.countFor(userId);
      return { total: count, servers: count > 0 ? { [serverId]: count } : {} };
    },
    async close() {},
  } satisfies Presence;
}
