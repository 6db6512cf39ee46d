/**
 * Preferences are read for every alert (is it silent? may push and email go out?) and written
 * a few times in a user's life, so this process keeps the ones it has read. Profiling a publish
 * showed the read as a SQLite read transaction of its own, about 15 µs, 4% of the server's CPU.
 *
 * A copy must never outlive a change, wherever the change was made:
 * - a save through this process drops its copy before it answers;
 * - every save is announced on the bus (`preferences` message), and each process drops its copy
 *   when it hears it;
 * - when the bus says messages may have been lost (it recovered from an outage), the copies of
 *   those users (or all) are dropped;
 * - a read that was under way while any of that happened is answered but not kept, since it may
 *   have read the old document;
 * - and as a last guard, no copy is older than `maxAgeMs` (60 s): for a change no bus announced,
 *   an operator's edit in the database, or two processes on one SQLite file without Redis.
 *
 * Memory is bounded: two generations of at most `maxEntries` users each. A full generation
 * becomes the old one and the one before it is dropped; a hit in the old one moves to the new.
 * That costs nothing per read, unlike evicting the oldest key of one Map one at a time.
 */
import type { Preferences } from "../../shared/preferences";
import type { AlertBus } from "../bus/types";
import type { PreferencesStore } from "./types";

export interface PreferencesCacheOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  preferences: Preferences;
  readAt: number;
}

export function cachePreferences(inner: PreferencesStore, bus: AlertBus, options: PreferencesCacheOptions = {}): PreferencesStore {
  const maxEntries = options.maxEntries ?? 20_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? (() => performance.now());
  let current = new Map<string, Entry>();
  let previous = new Map<string, Entry>();
  /** Counts every drop: a read that sees it change while it waited keeps nothing. */
  let drops = 0;

  function drop(userId: string): void {
    drops++;
    current.delete(userId);
    previous.delete(userId);
  }

  function dropAll(): void {
    drops++;
    current = new Map();
    previous = new Map();
  }

  function keep(userId: string, entry: Entry): void {
    if (current.size >= maxEntries) {
      previous = current;
      current = new Map();
    }
    current.set(userId, entry);
  }

  function fresh(userId: string): Entry | undefined {
    let entry = current.get(userId);
    if (!entry) {
      entry = previous.get(userId);
      if (entry) {
        previous.delete(userId);
        keep(userId, entry);
      }
    }
    if (entry && now() - entry.readAt > maxAgeMs) {
      current.delete(userId);
      return undefined;
    }
    return entry;
  }

  bus.subscribe((message) => {
    if (message.type === "preferences") drop(message.userId);
  });
  bus.onResync((userIds) => {
    if (userIds === null) dropAll();
    else for (const userId of userIds) drop(userId);
  });

  return {
    async get(userId) {
      const cached = fresh(userId);
      if (cached) return cached.preferences;
      const dropsBefore = drops;
      const readAt = now();
      const preferences = deepFreeze(await inner.get(userId));
      if (drops === dropsBefore) keep(userId, { preferences, readAt });
      return preferences;
    },
    async set(userId, preferences) {
      // Dropped before and after: a read that starts while the save is under way is not kept either.
      drop(userId);
      try {
        return await inner.set(userId, preferences);
      } finally {
        drop(userId);
        // Never rejects; a process that misses it is covered by the bus's resync or maxAgeMs.
        await bus.publish({ type: "preferences", userId });
      }
    },
  };
}

/** Every caller shares one cached document: freezing it turns an accidental edit into an error instead of a leak between callers. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
