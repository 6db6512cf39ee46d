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
 * Memory stays small and bounded, because a cache that grows with every user who ever connected
 * looks like a leak and is one in all but name:
 * - two generations of at most `maxEntries` users: a full or half-`maxAgeMs`-old generation
 *   becomes the old one, and the one before it is dropped whole (no per-entry timestamps, no
 *   eviction walk, nothing done per read);
 * - the documents are shared: most users never save preferences, and all of them hold the one
 *   frozen default document, so an entry costs a map slot;
 * - a one-off read (a socket opening) is answered from the cache but does not add to it
 *   (`keep: false`); the reads that repeat are the publishes'.
 */
import { defaultPreferences, type Preferences } from "../../shared/preferences";
import type { AlertBus } from "../bus/types";
import type { PreferencesStore } from "./types";

export interface PreferencesCacheOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export function cachePreferences(inner: PreferencesStore, bus: AlertBus, options: PreferencesCacheOptions = {}): PreferencesStore {
  const maxEntries = options.maxEntries ?? 20_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? (() => performance.now());
  // A copy is kept for at most two generations, so each lasts half the age limit.
  const generationMs = maxAgeMs / 2;
  const defaults = deepFreeze(defaultPreferences());
  const defaultsJson = JSON.stringify(defaults);
  let current = new Map<string, Preferences>();
  let previous = new Map<string, Preferences>();
  let currentSince = now();
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
    currentSince = now();
  }

  function age(): void {
    const elapsed = now() - currentSince;
    if (elapsed >= 2 * generationMs) {
      dropAll();
    } else if (elapsed >= generationMs || current.size >= maxEntries) {
      previous = current;
      current = new Map();
      // On the time grid, not at this read: a late rotation must not stretch a copy's life.
      currentSince = elapsed >= generationMs ? currentSince + generationMs : now();
    }
  }

  /** The user's document, or the shared defaults when it says nothing else (most users). */
  function shared(preferences: Preferences): Preferences {
    return JSON.stringify(preferences) === defaultsJson ? defaults : deepFreeze(preferences);
  }

  bus.subscribe((message) => {
    if (message.type === "preferences") drop(message.userId);
  });
  bus.onResync((userIds) => {
    if (userIds === null) dropAll();
    else for (const userId of userIds) drop(userId);
  });

  async function readAndKeep(userId: string, readOptions?: { keep?: boolean }): Promise<Preferences> {
    const dropsBefore = drops;
    const preferences = shared(await inner.get(userId));
    if (drops === dropsBefore && readOptions?.keep !== false) {
      age();
      current.set(userId, preferences);
    }
    return preferences;
  }

  return {
    get(userId, readOptions) {
      age();
      return current.get(userId) ?? previous.get(userId) ?? readAndKeep(userId, readOptions);
    },
    async set(userId, preferences) {
      // Dropped before and after: a read that starts while the save is under way is not kept either.
      drop(userId);
      try {
        return await inner.set(userId, preferences);
      } finally {
        drop(userId);
        // Never throws; a process that misses it is covered by the bus's resync or maxAgeMs.
        bus.publish({ type: "preferences", userId });
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
