/**
 * Fixed-window counter per key (e.g. client address). Bounded: when the map is full, ended
 * windows are swept, and if it is still full (many keys in one window, as in an address
 * spray) the oldest tenth is evicted, which only ever forgets counts, never blocks anyone.
 */
export interface RateLimiter {
  /** Counts one hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number;
}

export function createFixedWindowLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const MAX_KEYS = 10_000;

  function makeRoom(at: number) {
    for (const [key, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(key);
    if (windows.size < MAX_KEYS) return;
    // Maps iterate in insertion order, so the first keys are the oldest windows.
    let evict = Math.ceil(MAX_KEYS / 10);
    for (const key of windows.keys()) {
      if (evict-- <= 0) break;
      windows.delete(key);
    }
  }

  return {
    hit(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= windowMs) {
        if (windows.size >= MAX_KEYS) makeRoom(at);
        window = { startedAt: at, count: 0 };
        windows.delete(key); // re-insert so insertion order stays window order
        windows.set(key, window);
      }
      window.count++;
      if (window.count <= limit) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - at) / 1000));
    },
  };
}
