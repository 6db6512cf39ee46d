/**
 * One contract, every AlertStore: embedded SQLite always, PostgreSQL when DATABASE_URL is set
 * (the real server on the machine, in a private schema per run).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore, UnsequencedAlert } from "~/server/store/types";
import type { Service, Severity } from "~/shared/alert";
import { DATABASE_URL } from "../../../helpers/postgres";
import { STORE_BACKENDS, type StoreBackend } from "../../../helpers/store-backends";

/** The same file store with an fsync per commit (SQLITE_SYNCHRONOUS=full): the behaviour must not change. */
const sqliteFull: StoreBackend = {
  name: "sqlite (synchronous=full)",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "beacon-store-"));
    const file = join(dir, "beacon.sqlite");
    const open = () => createSqliteStore(file, { synchronous: "full" });
    return { store: open(), reopen: open, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

let counter = 0;
function anAlert(userId: string, overrides: Partial<UnsequencedAlert> = {}): UnsequencedAlert {
  counter++;
  return {
    id: `A${String(counter).padStart(8, "0")}${Math.random().toString(36).slice(2, 8)}`,
    userId,
    service: "darkwatch" as Service,
    severity: "high" as Severity,
    title: `Alert ${counter}`,
    body: "Change your password.",
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe.each([...STORE_BACKENDS, sqliteFull])("AlertStore contract: $name", (backend) => {
  let store: AlertStore;
  let reopen: () => AlertStore;
  let cleanup: () => Promise<void>;
  const extraHandles: AlertStore[] = [];

  beforeEach(async () => {
    ({ store, reopen, cleanup } = await backend.open());
    await store.ready();
  });
  afterEach(async () => {
    for (const handle of extraHandles.splice(0)) await handle.close();
    await store.close();
    await cleanup();
  });

  it("gives each user their own gap-free sequence starting at 1", async () => {
    const [a1] = await store.insert([anAlert("alice")]);
    const [b1] = await store.insert([anAlert("bob")]);
    const [a2] = await store.insert([anAlert("alice")]);
    expect([a1!.seq, b1!.seq, a2!.seq]).toEqual([1, 1, 2]);
  });

  it("keeps every field of the alert, and reads it back after the cursor in order", async () => {
    const full = anAlert("alice", {
      severity: "critical",
      teaser: "Short",
      imageUrl: "https://example.com/i.png",
      actionUrl: "/alerts",
      actionLabel: "Review",
      createdAt: "2026-11-01T10:00:00.123Z",
    });
    await store.insert([full, anAlert("alice"), anAlert("alice")]);
    const all = await store.readAfter("alice", 0, 10);
    expect(all.map((alert) => alert.seq)).toEqual([1, 2, 3]);
    expect(all[0]).toEqual({ ...full, seq: 1 });
    expect((await store.readAfter("alice", 1, 1)).map((alert) => alert.seq)).toEqual([2]);
    expect(await store.readAfter("alice", 3, 10)).toEqual([]);
    expect(await store.readAfter("nobody", 0, 10)).toEqual([]);
  });

  it("50 concurrent inserts for one user get seqs 1..50, each once", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => store.insert([anAlert("alice")])));
    expect(results.map(([alert]) => alert!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await store.readAfter("alice", 0, 100)).map((alert) => alert.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("a group insert is all or nothing: one bad row stores nobody's copy and uses up no seq", async () => {
    const [existing] = await store.insert([anAlert("carol")]);
    const group = [anAlert("alice"), anAlert("bob"), anAlert("carol", { id: existing!.id })]; // duplicate id: refused
    await expect(store.insert(group)).rejects.toThrow();
    expect(await store.readAfter("alice", 0, 10)).toEqual([]);
    expect(await store.readAfter("bob", 0, 10)).toEqual([]);
    const [next] = await store.insert([anAlert("alice")]);
    expect(next!.seq).toBe(1);
  });

  it("a group insert gives each member their next seq, including a member listed twice", async () => {
    await store.insert([anAlert("bob")]);
    const stored = await store.insert([anAlert("alice"), anAlert("bob"), anAlert("alice")]);
    expect(stored.map((alert) => [alert.userId, alert.seq])).toEqual([
      ["alice", 1],
      ["bob", 2],
      ["alice", 2],
    ]);
  });

  it("counts unread alerts together with the newest seq, and leaves out read and archived ones", async () => {
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 0, cursor: 0 });
    const [first, second, third] = await store.insert([anAlert("alice"), anAlert("alice"), anAlert("alice")]);
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 3, cursor: 3 });
    await store.update("alice", first!.id, { read: true, at: new Date() });
    await store.update("alice", second!.id, { archived: true, at: new Date() });
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 1, cursor: 3 });
    await store.update("alice", first!.id, { read: false, at: new Date() });
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 2, cursor: 3 });
    expect((await store.get("alice", third!.id))?.readAt).toBeNull();
  });

  it("reads the newest unread ones up to a seq, oldest first", async () => {
    const stored = await store.insert(Array.from({ length: 6 }, () => anAlert("alice")));
    await store.update("alice", stored[4]!.id, { read: true, at: new Date() });
    expect((await store.readUnread("alice", 6, 3)).map((alert) => alert.seq)).toEqual([3, 4, 6]);
    expect((await store.readUnread("alice", 3, 10)).map((alert) => alert.seq)).toEqual([1, 2, 3]);
  });

  it("mark all read stops at upTo, so an alert that arrived after the click stays unread", async () => {
    await store.insert(Array.from({ length: 4 }, () => anAlert("alice")));
    await store.insert([anAlert("bob")]);
    expect(await store.markAllRead("alice", 3, new Date())).toBe(3);
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 1, cursor: 4 });
    expect(await store.markAllRead("alice", undefined, new Date())).toBe(1);
    expect(await store.markAllRead("alice", undefined, new Date())).toBe(0);
    expect((await store.unreadState("bob")).unreadCount).toBe(1);
  });

  it("mark all read leaves archived alerts as they are", async () => {
    const [archived] = await store.insert([anAlert("alice"), anAlert("alice")]);
    await store.update("alice", archived!.id, { archived: true, at: new Date() });
    expect(await store.markAllRead("alice", undefined, new Date())).toBe(1);
    expect((await store.get("alice", archived!.id))?.readAt).toBeNull();
  });

  it("a user can never read or change another user's alert", async () => {
    const [bobs] = await store.insert([anAlert("bob")]);
    expect(await store.get("alice", bobs!.id)).toBeNull();
    expect(await store.update("alice", bobs!.id, { read: true, at: new Date() })).toBeNull();
    expect((await store.get("bob", bobs!.id))?.readAt).toBeNull();
    expect(await store.list("alice", { limit: 10 })).toEqual([]);
  });

  it("lists newest first with seq pagination and filters", async () => {
    const stored = await store.insert([
      anAlert("alice", { service: "darkwatch", severity: "high" }),
      anAlert("alice", { service: "spamshield", severity: "low" }),
      anAlert("alice", { service: "darkwatch", severity: "critical" }),
      anAlert("alice", { service: "hometitle", severity: "high" }),
      anAlert("alice", { service: "darkwatch", severity: "high" }),
    ]);
    await store.update("alice", stored[0]!.id, { read: true, at: new Date() });
    await store.update("alice", stored[3]!.id, { archived: true, at: new Date() });
    const seqs = async (query: Parameters<AlertStore["list"]>[1]) => (await store.list("alice", query)).map((item) => item.seq);

    expect(await seqs({ limit: 2 })).toEqual([5, 3]);
    expect(await seqs({ limit: 2, before: 3 })).toEqual([2, 1]);
    expect(await seqs({ limit: 10, service: "darkwatch" })).toEqual([5, 3, 1]);
    expect(await seqs({ limit: 10, severity: "high" })).toEqual([5, 1]);
    expect(await seqs({ limit: 10, unread: true })).toEqual([5, 3, 2]);
    expect(await seqs({ limit: 10, archived: true })).toEqual([4]);
    expect(await seqs({ limit: 10, service: "darkwatch", unread: true, before: 5 })).toEqual([3]);
    const [item] = await store.list("alice", { limit: 1, before: 2 });
    expect(item).toMatchObject({ id: stored[0]!.id, readAt: expect.any(String), archivedAt: null });
  });

  it("keeps the delivery record of each alert in the order it was written", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    await store.recordDeliveries([
      { alertId: alert!.id, channel: "websocket", status: "skipped", at: "2026-11-22T10:00:00.000Z", detail: "no_live_socket" },
      { alertId: alert!.id, channel: "push", status: "failed", at: "2026-11-22T10:00:01.000Z", detail: "410 gone" },
    ]);
    await store.recordDeliveries([{ alertId: alert!.id, channel: "email", status: "delivered", at: "2026-11-22T10:00:02.000Z", detail: null }]);
    expect((await store.get("alice", alert!.id))?.deliveries).toEqual([
      { channel: "websocket", status: "skipped", at: "2026-11-22T10:00:00.000Z", detail: "no_live_socket" },
      { channel: "push", status: "failed", at: "2026-11-22T10:00:01.000Z", detail: "410 gone" },
      { channel: "email", status: "delivered", at: "2026-11-22T10:00:02.000Z", detail: null },
    ]);
  });

  it("prunes alerts past the cutoff, read or unread, with their delivery records; seqs keep counting up", async () => {
    const old = "2026-01-01T00:00:00.000Z";
    const [oldUnread, oldRead] = await store.insert([anAlert("alice", { createdAt: old }), anAlert("alice", { createdAt: old })]);
    await store.update("alice", oldRead!.id, { read: true, at: new Date() });
    await store.recordDeliveries([{ alertId: oldUnread!.id, channel: "websocket", status: "skipped", at: old, detail: null }]);
    const [recent] = await store.insert([anAlert("alice")]);

    expect(await store.prune(new Date("2026-06-01T00:00:00.000Z"), 1)).toBe(1);
    expect(await store.prune(new Date("2026-06-01T00:00:00.000Z"), 10)).toBe(1);
    expect(await store.prune(new Date("2026-06-01T00:00:00.000Z"), 10)).toBe(0);
    expect((await store.readAfter("alice", 0, 10)).map((alert) => alert.id)).toEqual([recent!.id]);
    expect(await store.get("alice", oldUnread!.id)).toBeNull();
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 1, cursor: 3 });
    const [next] = await store.insert([anAlert("alice")]);
    expect(next!.seq).toBe(4);
  });

  it("a user whose every alert was pruned, newest included, counts on from their last seq", async () => {
    const old = "2026-01-01T00:00:00.000Z";
    await store.insert([anAlert("bob", { createdAt: old }), anAlert("bob", { createdAt: old }), anAlert("bob", { createdAt: old })]);

    expect(await store.prune(new Date("2026-06-01T00:00:00.000Z"), 10)).toBe(3);
    expect(await store.readAfter("bob", 0, 10)).toEqual([]);
    expect(await store.unreadState("bob")).toEqual({ unreadCount: 0, cursor: 3 });
    const [next] = await store.insert([anAlert("bob")]);
    expect(next!.seq).toBe(4);
  });

  it("what was stored is there after a restart, and migrations are not applied twice", async () => {
    const [alert] = await store.insert([anAlert("alice")]);
    await store.close();
    store = reopen();
    await store.ready();
    expect((await store.readAfter("alice", 0, 10)).map((a) => a.id)).toEqual([alert!.id]);
    const [next] = await store.insert([anAlert("alice")]);
    expect(next!.seq).toBe(2);
  });

  it("answers a ping while open and refuses one once closed (what /readyz relies on)", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    const second = reopen();
    await second.ready();
    await second.close();
    await expect(second.ping()).rejects.toThrow();
  });

  it("two handles on one database (two servers) interleave writes without reusing a seq", async () => {
    const second = reopen();
    extraHandles.push(second);
    await second.ready();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? store : second).insert([anAlert("alice")])),
    );
    expect(results.map(([alert]) => alert!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("two handles taking turns, one write at a time, each continue from the other's newest seq", async () => {
    const second = reopen();
    extraHandles.push(second);
    await second.ready();
    const seqs: number[] = [];
    for (const handle of [store, second, store, store, second, store]) {
      const [stored] = await handle.insert([anAlert("alice")]);
      seqs.push(stored!.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

afterAll(() => {
  if (!DATABASE_URL) console.warn("DATABASE_URL is unset: the PostgreSQL store contract was skipped");
});
