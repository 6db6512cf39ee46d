/**
 * The preferences cache never serves a document older than a save, wherever the save was made.
 * "Processes" here are cache instances over one real SQLite store, sharing a bus: the in-process
 * bus, and the real Redis (two bus connections, one behind a proxy that can cut it) when
 * REDIS_URL is set. A save made behind the cache's back (straight on the store) stands for a
 * bus message that never arrived.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryBus } from "~/server/bus/memory";
import { createRedisBus } from "~/server/bus/redis";
import type { AlertBus } from "~/server/bus/types";
import { cachePreferences } from "~/server/preferences/cached-preferences";
import { createPreferencesStore } from "~/server/preferences/preferences-store";
import type { PreferencesStore } from "~/server/preferences/types";
import type { AlertStore } from "~/server/store/types";
import { defaultPreferences, type Preferences } from "~/shared/preferences";
import { eventually } from "../../../helpers/eventually";
import { STORE_BACKENDS } from "../../../helpers/store-backends";
import { redisTarget, startTcpProxy } from "../../../helpers/tcp-proxy";

const REDIS_URL = process.env.REDIS_URL;

function withDoNotDisturb(on: boolean): Preferences {
  return { ...defaultPreferences(), doNotDisturb: on };
}

let store: AlertStore;
let direct: PreferencesStore;
let cleanup: () => Promise<void>;
const closing: Array<{ close(): Promise<unknown> }> = [];

beforeEach(async () => {
  ({ store, cleanup } = await STORE_BACKENDS[0]!.open());
  await store.ready();
  direct = createPreferencesStore(store);
});
afterEach(async () => {
  for (const thing of closing.splice(0)) await thing.close();
  await store.close();
  await cleanup();
});

describe("preferences cache in one process", () => {
  it("serves a save made through it at once, and keeps serving its copy without asking the store", async () => {
    const cached = cachePreferences(direct, createMemoryBus());
    expect((await cached.get("ann")).doNotDisturb).toBe(false);
    await cached.set("ann", withDoNotDisturb(true));
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
    // Behind its back: the copy is still what it answers (this is what saves the store read).
    await direct.set("ann", withDoNotDisturb(false));
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
  });

  it("answers a kept copy at once, not with a promise (every alert asks); the first read is a promise", async () => {
    const cached = cachePreferences(direct, createMemoryBus());
    const first = cached.get("ann");
    expect(first).toBeInstanceOf(Promise);
    await first;
    const again = cached.get("ann");
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toEqual(defaultPreferences());
  });

  it("drops a copy older than maxAgeMs", async () => {
    let clock = 0;
    const cached = cachePreferences(direct, createMemoryBus(), { maxAgeMs: 1000, now: () => clock });
    await cached.get("ann");
    await direct.set("ann", withDoNotDisturb(true));
    clock = 999;
    expect((await cached.get("ann")).doNotDisturb).toBe(false);
    clock = 1001;
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
  });

  it("never serves a copy past maxAgeMs, however its reads fall", async () => {
    let clock = 0;
    const cached = cachePreferences(direct, createMemoryBus(), { maxAgeMs: 1000, now: () => clock });
    await cached.get("ann");
    await direct.set("ann", withDoNotDisturb(true));
    clock = 900; // a late look: the copy may still be served, it is under 1,000 ms old
    expect((await cached.get("ann")).doNotDisturb).toBe(false);
    clock = 1000;
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
    // Idle far past the limit: everything goes at once.
    await direct.set("ann", withDoNotDisturb(false));
    clock = 60_000;
    expect((await cached.get("ann")).doNotDisturb).toBe(false);
  });

  it("a one-off read (keep: false) is answered but not kept; a kept copy still answers it", async () => {
    const cached = cachePreferences(direct, createMemoryBus());
    expect((await cached.get("ann", { keep: false })).doNotDisturb).toBe(false);
    await direct.set("ann", withDoNotDisturb(true));
    expect((await cached.get("ann", { keep: false })).doNotDisturb).toBe(true);
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
    await direct.set("ann", withDoNotDisturb(false));
    expect((await cached.get("ann", { keep: false })).doNotDisturb).toBe(true);
  });

  it("users who never saved anything share one defaults document", async () => {
    const cached = cachePreferences(direct, createMemoryBus());
    await cached.set("ann", withDoNotDisturb(true));
    const [ben, cat, ann] = await Promise.all([cached.get("ben"), cached.get("cat"), cached.get("ann")]);
    expect(ben).toBe(cat);
    expect(ben).toEqual(defaultPreferences());
    expect(ann).not.toBe(ben);
  });

  it("keeps at most two generations of maxEntries users: the least recently read are read again", async () => {
    const cached = cachePreferences(direct, createMemoryBus(), { maxEntries: 2 });
    for (const user of ["u1", "u2", "u3", "u4", "u5"]) await cached.get(user);
    for (const user of ["u1", "u2", "u3", "u4", "u5"]) await direct.set(user, withDoNotDisturb(true));
    const seen = await Promise.all(["u1", "u2", "u3", "u4", "u5"].map(async (user) => (await cached.get(user)).doNotDisturb));
    // u1 and u2 fell out with the oldest generation; u3, u4 (old generation) and u5 are still held.
    expect(seen).toEqual([true, true, false, false, false]);
  });

  it("does not keep a read that was under way while the user saved", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The real store, with a read that waits (as a PostgreSQL read does) until the test says so.
    const slowReads: PreferencesStore = {
      async get(userId) {
        const preferences = await direct.get(userId);
        await gate;
        return preferences;
      },
      set: (userId, preferences) => direct.set(userId, preferences),
    };
    const cached = cachePreferences(slowReads, createMemoryBus());
    const racing = cached.get("ann");
    await cached.set("ann", withDoNotDisturb(true));
    release();
    expect((await racing).doNotDisturb).toBe(false);
    expect((await cached.get("ann")).doNotDisturb).toBe(true);
  });

  it("hands out documents that cannot be edited by one caller under another's feet", async () => {
    const cached = cachePreferences(direct, createMemoryBus());
    const preferences = await cached.get("ann");
    expect(() => {
      preferences.channels.darkwatch.toast = false;
    }).toThrow(TypeError);
    expect((await cached.get("ann")).channels.darkwatch.toast).toBe(true);
  });
});

describe("preferences cache across processes", () => {
  it("a save in one process is seen at once by another that held a copy (in-process bus)", async () => {
    const bus = createMemoryBus();
    const a = cachePreferences(createPreferencesStore(store), bus);
    const b = cachePreferences(createPreferencesStore(store), bus);
    expect((await b.get("ann")).doNotDisturb).toBe(false);
    await a.set("ann", withDoNotDisturb(true));
    expect((await b.get("ann")).doNotDisturb).toBe(true);
  });

  describe.skipIf(!REDIS_URL)("over Redis", () => {
    const prefix = `beacon-test-${randomBytes(6).toString("hex")}:`;
    async function redisBus(serverId: string, url = REDIS_URL!): Promise<AlertBus> {
      const bus = createRedisBus({ url, prefix, serverId });
      closing.push(bus);
      await bus.ready();
      return bus;
    }

    it("a save on server A reaches server B's copy", async () => {
      const a = cachePreferences(createPreferencesStore(store), await redisBus("a"));
      const b = cachePreferences(createPreferencesStore(store), await redisBus("b"));
      expect((await b.get("ann")).doNotDisturb).toBe(false);
      await a.set("ann", withDoNotDisturb(true));
      await eventually(async () => (await b.get("ann")).doNotDisturb);
    });

    it("a save B could not hear (its Redis link was cut) is read fresh once B's bus recovers", async () => {
      const proxy = await startTcpProxy(redisTarget(REDIS_URL!));
      closing.push(proxy);
      const busB = await redisBus("b", proxy.url);
      const a = cachePreferences(createPreferencesStore(store), await redisBus("a"));
      const b = cachePreferences(createPreferencesStore(store), busB);
      expect((await b.get("ann")).doNotDisturb).toBe(false);

      proxy.cut();
      await eventually(() => !busB.status().connected);
      await a.set("ann", withDoNotDisturb(true));
      expect((await b.get("ann")).doNotDisturb).toBe(false); // stale while cut off, bounded by maxAgeMs
      proxy.restore();
      await eventually(async () => (await b.get("ann")).doNotDisturb, 10_000);
    });
  });
});
