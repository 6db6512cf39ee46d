/**
 * One contract for the PreferencesStore and the GroupStore, run on the embedded SQLite store
 * and on the real PostgreSQL (a private schema) when DATABASE_URL is set. The PreferencesStore
 * part also runs through the cache the runtime puts in front of it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGroupStore } from "~/server/preferences/group-store";
import { createMemoryBus } from "~/server/bus/memory";
import { cachePreferences } from "~/server/preferences/cached-preferences";
import { createPreferencesStore } from "~/server/preferences/preferences-store";
import type { PreferencesStore } from "~/server/preferences/types";
import type { AlertStore } from "~/server/store/types";
import { defaultPreferences, type Preferences } from "~/shared/preferences";
import { STORE_BACKENDS } from "../../../helpers/store-backends";

function customised(): Preferences {
  const preferences = defaultPreferences();
  preferences.channels.spamshield = { toast: false, push: false, email: false };
  preferences.channels.darkwatch.email = false;
  preferences.minSeverity = { push: "medium", email: "critical" };
  preferences.doNotDisturb = true;
  preferences.quietHours = { enabled: true, start: "21:30", end: "06:45", timeZone: "America/New_York" };
  return preferences;
}

describe.each(STORE_BACKENDS)("preference and group stores: $name", (backend) => {
  let store: AlertStore;
  let reopen: () => AlertStore;
  let cleanup: () => Promise<void>;
  const extra: AlertStore[] = [];

  beforeEach(async () => {
    ({ store, reopen, cleanup } = await backend.open());
    await store.ready();
  });
  afterEach(async () => {
    for (const handle of extra.splice(0)) await handle.close();
    await store.close();
    await cleanup();
  });

  function restarted(): AlertStore {
    const handle = reopen();
    extra.push(handle);
    return handle;
  }

  const preferenceStores: Array<{ name: string; open(store: AlertStore): PreferencesStore }> = [
    { name: "direct", open: createPreferencesStore },
    { name: "cached", open: (store) => cachePreferences(createPreferencesStore(store), createMemoryBus()) },
  ];

  describe.each(preferenceStores)("PreferencesStore ($name)", ({ open }) => {
    it("gives a user who never saved anything the defaults", async () => {
      expect(await open(store).get("nobody")).toEqual(defaultPreferences());
    });

    it("keeps what a user saved, per user, across a restart", async () => {
      const preferences = open(store);
      expect(await preferences.set("ann", customised())).toEqual(customised());
      expect(await preferences.get("ann")).toEqual(customised());
      expect(await preferences.get("ben")).toEqual(defaultPreferences());

      const again = open(restarted());
      expect(await again.get("ann")).toEqual(customised());
    });

    it("replaces the whole document on a second save", async () => {
      const preferences = open(store);
      await preferences.set("ann", customised());
      const next = { ...customised(), doNotDisturb: false };
      await preferences.set("ann", next);
      expect(await preferences.get("ann")).toEqual(next);
    });

    it("refuses to store preferences that fail the schema", async () => {
      const preferences = open(store);
      const broken = { ...customised(), quietHours: { enabled: true, start: "25:00", end: "06:00", timeZone: "UTC" } };
      await expect(preferences.set("ann", broken)).rejects.toThrow(/HH:MM/);
      expect(await preferences.get("ann")).toEqual(defaultPreferences());
    });
  });

  describe("GroupStore", () => {
    it("creates a group whose members include the owner once, listed owner first", async () => {
      const groups = createGroupStore(store);
      const group = await groups.create("ann", "Family", ["carl", "ann", "bea", "carl"]);
      expect(group).toMatchObject({ name: "Family", ownerId: "ann", members: ["ann", "bea", "carl"] });
      expect(group.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(group.createdAt))).toBe(false);
      expect(await groups.get(group.id)).toEqual(group);
    });

    it("answers null for a group that does not exist", async () => {
      expect(await createGroupStore(store).get("no-such-group")).toBeNull();
    });

    it("lists a user's groups, owned or joined, and not other people's", async () => {
      const groups = createGroupStore(store);
      const family = await groups.create("ann", "Family", ["bea"]);
      const friends = await groups.create("bea", "Friends", ["carl"]);
      const solo = await groups.create("dan", "Just me", []);
      expect((await groups.listFor("ann")).map((g) => g.id)).toEqual([family.id]);
      expect((await groups.listFor("bea")).map((g) => g.id).sort()).toEqual([family.id, friends.id].sort());
      expect((await groups.listFor("dan")).map((g) => g.id)).toEqual([solo.id]);
      expect(await groups.listFor("eve")).toEqual([]);
      expect((await groups.listFor("bea")).find((g) => g.id === friends.id)).toEqual(friends);
    });

    it("lets the owner replace the members, and keeps the owner in even when left out", async () => {
      const groups = createGroupStore(store);
      const group = await groups.create("ann", "Family", ["bea", "carl"]);
      const updated = await groups.setMembers("ann", group.id, ["dan", "bea"]);
      expect(updated).toMatchObject({ id: group.id, members: ["ann", "bea", "dan"] });
      expect((await groups.get(group.id))!.members).toEqual(["ann", "bea", "dan"]);
      expect(await groups.listFor("carl")).toEqual([]);
    });

    it("refuses member changes and deletion by anyone but the owner", async () => {
      const groups = createGroupStore(store);
      const group = await groups.create("ann", "Family", ["bea"]);
      expect(await groups.setMembers("bea", group.id, ["bea", "eve"])).toBeNull();
      expect(await groups.setMembers("ann", "no-such-group", ["bea"])).toBeNull();
      expect(await groups.remove("bea", group.id)).toBe(false);
      expect(await groups.get(group.id)).toEqual(group);
    });

    it("deletes a group with its memberships when the owner asks", async () => {
      const groups = createGroupStore(store);
      const group = await groups.create("ann", "Family", ["bea"]);
      const other = await groups.create("bea", "Other", []);
      expect(await groups.remove("ann", group.id)).toBe(true);
      expect(await groups.get(group.id)).toBeNull();
      expect((await groups.listFor("bea")).map((g) => g.id)).toEqual([other.id]);
      expect(await groups.remove("ann", group.id)).toBe(false);
    });

    it("keeps groups across a restart", async () => {
      const group = await createGroupStore(store).create("ann", "Family", ["bea"]);
      expect(await createGroupStore(restarted()).get(group.id)).toEqual(group);
    });
  });
});
