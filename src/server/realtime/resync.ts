/**
 * After the bus recovers, connections re-read the store from their cursor. Named users are
 * few and resync at once; "everyone" can be ten thousand sockets, each a store read, so they
 * go in slices with a pause between, instead of one burst that would stall the loop and the store.
 */
import type { Connection } from "./connection";
import type { PeerRegistry } from "./peer-registry";

export interface ResyncOptions {
  sliceSize?: number;
  pauseMs?: number;
}

/** Returns how many connections were asked to resync (for all: once the last slice is done). */
export async function resyncConnections(
  registry: PeerRegistry,
  userIds: readonly string[] | null,
  { sliceSize = 200, pauseMs = 20 }: ResyncOptions = {},
): Promise<number> {
  if (userIds !== null) {
    let count = 0;
    for (const userId of userIds) {
      for (const connection of registry.connectionsOf(userId) ?? []) {
        connection.stream.resync();
        count++;
      }
    }
    return count;
  }
  const everyone: Connection[] = [...registry.all()];
  for (let i = 0; i < everyone.length; i += sliceSize) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    for (const connection of everyone.slice(i, i + sliceSize)) connection.stream.resync();
  }
  return everyone.length;
}
