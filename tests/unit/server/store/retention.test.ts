import { describe, expect, it } from "vitest";
import { startRetention } from "~/server/store/retention";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-22T12:00:00.000Z");

function alertAt(userId: string, createdAt: number, i: number) {
  return { id: `r${userId}${i}`, userId, service: "spamshield" as const, severity: "low" as const, title: "t", body: "b", createdAt: new Date(createdAt).toISOString() };
}

function pruned(store: AlertStore, retentionDays: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const stop = startRetention(store, {
      retentionDays,
      now: () => NOW,
      onPruned: (count) => {
        stop();
        resolve(count);
      },
      onError: reject,
    });
  });
}

describe("retention", () => {
  it("deletes every alert older than RETENTION_DAYS, read or unread, in batches, and keeps the rest", async () => {
    const store = createSqliteStore(":memory:");
    const old = Array.from({ length: 2500 }, (_, i) => alertAt(i % 2 ? "alice" : "bob", NOW - 91 * DAY, i));
    await store.insert(old);
    await store.update("alice", old[1]!.id, { read: true, at: new Date(NOW) });
    const [kept] = await store.insert([alertAt("alice", NOW - 89 * DAY, 9999)]);

    expect(await pruned(store, 90)).toBe(2500);
    expect((await store.readAfter("alice", 0, 10)).map((alert) => alert.id)).toEqual([kept!.id]);
    expect(await store.readAfter("bob", 0, 10)).toEqual([]);
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 1, cursor: 1251 });
  });

  it("a failing prune is reported and retried on the next tick, not thrown", async () => {
    const store = createSqliteStore(":memory:");
    const errors: unknown[] = [];
    const failing = { ...store, prune: async () => Promise.reject(new Error("database is locked")) };
    const stop = startRetention(failing, { retentionDays: 1, now: () => NOW, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(errors).toHaveLength(1);
  });
});
