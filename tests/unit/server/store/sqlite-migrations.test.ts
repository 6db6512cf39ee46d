/**
 * Upgrading an embedded database that earlier versions wrote: what was stored must read back
 * the same through the new schema (migration 5 rebuilds the alerts table).
 */
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { connectionOf } from "~/server/store/connection";
import { MIGRATIONS, MIGRATIONS_TABLE_SQL } from "~/server/store/migrations";
import { createSqliteStore } from "~/server/store/sqlite";
import { useSqliteFile } from "../../../helpers/sqlite-file";

const sqlite = useSqliteFile("beacon-migrate-");

/** A database as Beacon left it at schema `version`, with alice's three alerts (one read, one archived) and bob's one. */
function writeDatabaseAtVersion(version: number): void {
  const db = new Database(sqlite.file);
  db.exec(MIGRATIONS_TABLE_SQL);
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.sqlite);
    db.prepare("INSERT INTO beacon_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, "2026-11-01T00:00:00.000Z");
  }
  const insert = db.prepare(
    "INSERT INTO alerts (user_id, seq, id, service, severity, created_at, payload, read_at, archived_at) VALUES (?, ?, ?, 'darkwatch', 'high', ?, ?, ?, ?)",
  );
  const payload = (title: string) => JSON.stringify({ title, body: "Change your password." });
  insert.run("alice", 1, "01A", "2026-11-01T10:00:00.000Z", payload("first"), "2026-11-01T11:00:00.000Z", null);
  insert.run("bob", 1, "01B", "2026-11-01T10:30:00.000Z", payload("bob's"), null, null);
  insert.run("alice", 2, "01C", "2026-11-02T10:00:00.000Z", payload("second"), null, "2026-11-02T11:00:00.000Z");
  insert.run("alice", 3, "01D", "2026-11-03T10:00:00.000Z", payload("third"), null, null);
  db.exec("INSERT INTO user_cursors (user_id, last_seq) VALUES ('alice', 3), ('bob', 1)");
  db.close();
}

function schemaOf(name: string): string | undefined {
  const { db } = connectionOf(sqlite.store!) as Extract<ReturnType<typeof connectionOf>, { kind: "sqlite" }>;
  return (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string } | undefined)?.sql;
}

describe("SQLite migrations", () => {
  it("version 5 keeps every alert, its sequence and its read and archived state", async () => {
    writeDatabaseAtVersion(4);
    const store = (sqlite.store = createSqliteStore(sqlite.file));

    expect((await store.readAfter("alice", 0, 10)).map((a) => [a.seq, a.id, a.title])).toEqual([
      [1, "01A", "first"],
      [2, "01C", "second"],
      [3, "01D", "third"],
    ]);
    expect(await store.unreadState("alice")).toEqual({ unreadCount: 1, cursor: 3 });
    expect(await store.unreadState("bob")).toEqual({ unreadCount: 1, cursor: 1 });
    expect((await store.list("alice", { limit: 10, archived: true })).map((item) => item.id)).toEqual(["01C"]);
    expect(await store.get("alice", "01A")).toMatchObject({ seq: 1, readAt: "2026-11-01T11:00:00.000Z", archivedAt: null });
    const [next] = await store.insert([
      { id: "01E", userId: "alice", service: "darkwatch", severity: "low", title: "fourth", body: "", createdAt: new Date().toISOString() },
    ]);
    expect(next!.seq).toBe(4);
  });

  it("version 5 leaves alerts a rowid table with one per-user index in place of the clustered key and the unread index", () => {
    writeDatabaseAtVersion(4);
    sqlite.store = createSqliteStore(sqlite.file);
    expect(schemaOf("alerts")).not.toMatch(/WITHOUT ROWID/i);
    expect(schemaOf("alerts_user")).toMatch(/\(user_id, seq, read_at, archived_at\)/);
    expect(schemaOf("alerts_unread")).toBeUndefined();
    expect(schemaOf("alerts_created_at")).toBeDefined();
  });
});
