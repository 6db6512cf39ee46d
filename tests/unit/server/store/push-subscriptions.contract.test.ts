/**
 * One contract, every PushSubscriptionStore: beside embedded SQLite always, beside PostgreSQL
 * when DATABASE_URL is set (a private schema per run).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PushSubscriptionStore } from "~/server/channels/providers";
import { createPushSubscriptionStore } from "~/server/store/push-subscriptions";
import type { AlertStore } from "~/server/store/types";
import { STORE_BACKENDS } from "../../../helpers/store-backends";

let counter = 0;
function aSubscription(device?: string) {
  counter++;
  return {
    endpoint: `https://push.example/send/${counter}-${Math.random().toString(36).slice(2)}`,
    keys: { p256dh: `B${"p".repeat(86)}${counter}`, auth: `auth-${counter}-0123456789` },
    ...(device ? { device } : {}),
  };
}

describe.each(STORE_BACKENDS)("PushSubscriptionStore contract: $name", (backend) => {
  let alertStore: AlertStore;
  let reopen: () => AlertStore;
  let cleanup: () => Promise<void>;
  let subscriptions: PushSubscriptionStore;
  const extra: AlertStore[] = [];

  beforeEach(async () => {
    ({ store: alertStore, reopen, cleanup } = await backend.open());
    await alertStore.ready();
    subscriptions = createPushSubscriptionStore(alertStore);
  });
  afterEach(async () => {
    for (const handle of extra.splice(0)) await handle.close();
    await alertStore.close();
    await cleanup();
  });

  it("saves a subscription per device and lists only that user's, oldest first", async () => {
    const laptop = await subscriptions.save("bob", aSubscription("Firefox on Linux"));
    const phone = await subscriptions.save("bob", aSubscription());
    await subscriptions.save("carol", aSubscription());

    expect(laptop).toMatchObject({ id: expect.stringMatching(/^ps_/), userId: "bob", device: "Firefox on Linux" });
    expect(phone.device).toBeNull();
    expect(new Date(laptop.createdAt).toISOString()).toBe(laptop.createdAt);
    const listed = await subscriptions.list("bob");
    expect(listed).toEqual([laptop, phone]);
    expect(await subscriptions.list("nobody")).toEqual([]);
  });

  it("refreshes the same endpoint instead of adding a second row, keeping its id", async () => {
    const first = aSubscription("Chrome");
    const saved = await subscriptions.save("bob", first);
    const again = await subscriptions.save("bob", { ...first, keys: { p256dh: `B${"q".repeat(87)}`, auth: "new-auth-0123456789" }, device: "Chrome 2" });
    expect(again).toMatchObject({ id: saved.id, keys: { p256dh: `B${"q".repeat(87)}`, auth: "new-auth-0123456789" }, device: "Chrome 2" });
    expect(await subscriptions.list("bob")).toHaveLength(1);
  });

  it("moves an endpoint to the account that subscribed with it last (one browser profile, a new sign-in)", async () => {
    const shared = aSubscription();
    await subscriptions.save("bob", shared);
    await subscriptions.save("carol", shared);
    expect(await subscriptions.list("bob")).toEqual([]);
    expect((await subscriptions.list("carol")).map((s) => s.endpoint)).toEqual([shared.endpoint]);
  });

  it("removes only the user's own subscription by endpoint, and says whether there was one", async () => {
    const mine = aSubscription();
    await subscriptions.save("bob", mine);
    expect(await subscriptions.remove("carol", mine.endpoint)).toBe(false);
    expect(await subscriptions.list("bob")).toHaveLength(1);
    expect(await subscriptions.remove("bob", mine.endpoint)).toBe(true);
    expect(await subscriptions.remove("bob", mine.endpoint)).toBe(false);
    expect(await subscriptions.list("bob")).toEqual([]);
  });

  it("removes by id (the push service said the subscription is gone)", async () => {
    const gone = await subscriptions.save("bob", aSubscription());
    const kept = await subscriptions.save("bob", aSubscription());
    await subscriptions.removeById(gone.id);
    await subscriptions.removeById("ps_unknown"); // already gone: not an error
    expect(await subscriptions.list("bob")).toEqual([kept]);
  });

  it("keeps subscriptions across a restart", async () => {
    const saved = await subscriptions.save("bob", aSubscription("Edge"));
    await alertStore.close();
    alertStore = reopen();
    await alertStore.ready();
    expect(await createPushSubscriptionStore(alertStore).list("bob")).toEqual([saved]);
  });
});
