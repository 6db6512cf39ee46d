/**
 * Server-authoritative unread count per user, so every tab (and a tab opened later)
 * shows the same badge. Held in memory until the durable store takes this over.
 */
export interface UnreadCounter {
  increment(userId: string, by?: number): number;
  get(userId: string): number;
  /** Mark everything read; returns the new count (0). */
  clear(userId: string): number;
}

export function createMemoryUnreadCounter() {
  const counts = new Map<string, number>();
  return {
    increment(userId: string, by = 1) {
      const next = (counts.get(userId) ?? 0) + by;
      counts.set(userId, next);
      return next;
    },
    get(userId: string) {
      return counts.get(userId) ?? 0;
    },
    clear(userId: string) {
      // Delete rather than store 0: a user with nothing unread costs nothing.
      counts.delete(userId);
      return 0;
    },
  } satisfies UnreadCounter;
}
