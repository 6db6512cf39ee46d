/**
 * Fixed-window counter per key (e.g. client address). Small and bounded: windows that
 * ended are dropped on the next hit, and the map is swept when it grows.
 */
export interface RateLimiter {
  /** Counts one hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number;
}

export function createFixedWindowLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const MAX_KEYS = 10_000;

  function sweep(at: number) {
    for (const [key, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(key);
  }

  return {
    hit(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= windowMs) {
        if (windows.size >= MAX_KEYS) sweep(at);
        window = { startedAt: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      if (window.count <= limit) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - at) / 1000));
    },
  };
}
