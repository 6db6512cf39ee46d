/**
 * "Is this user connected?" — the question the delivery ladder asks before choosing
 * between the socket and the fallbacks. In one process the registry answers it; a
 * cluster-wide implementation can sit behind the same interface.
 */
import type { PeerRegistry } from "./peer-registry";

export interface Presence {
  /** Live sockets the user has (across every process the implementation can see). */
  connectionCount(userId: string): Promise<number>;
}

export function createLocalPresence(registry: PeerRegistry) {
  return {
    async connectionCount(userId: string) {
      return registry.countFor(userId);
    },
  } satisfies Presence;
}
