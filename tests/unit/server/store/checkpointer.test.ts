/**
 * The embedded store's checkpoint thread: committed pages reach the database file without
 * the writer checkpointing (its own threshold is far above what these tests write).
 */
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connectionOf } from "~/server/store/connection";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore, UnsequencedAlert } from "~/server/store/types";
import { eventually } from "../../../helpers/eventually";
import { useSqliteFile } from "../../../helpers/sqlite-file";

const sqlite = useSqliteFile("beacon-checkpoint-");

/** About 2 MB of alerts: some 500 WAL pages, past the writer's usual threshold (400) and far below its fallback (4,000). */
async function writeAlerts(into: AlertStore): Promise<void> {
  const alerts: UnsequencedAlert[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `01CHECKPOINT${String(i).padStart(6, "0")}`,
    userId: `user-${i % 20}`,
    service: "darkwatch",
    severity: "high",
    title: "Your email appeared in a breach",
    body: "x".repeat(2000),
    createdAt: new Date().toISOString(),
  }));
  for (let i = 0; i < alerts.length; i += 100) await into.insert(alerts.slice(i, i + 100));
}

const fileBytes = () => statSync(sqlite.file).size;

describe("SQLite checkpoint thread", () => {
  it("copies committed pages into the database file while the writer only appends to the WAL", async () => {
    const store = (sqlite.store = createSqliteStore(sqlite.file));
    const before = fileBytes();
    await writeAlerts(store);
    await eventually(() => fileBytes() > before + 1_500_000, 5000);
  });

  it("without it, the same writes stay in the WAL until the writer's threshold (the test above can fail)", async () => {
    const store = (sqlite.store = createSqliteStore(sqlite.file, { checkpointThread: false }));
    const connection = connectionOf(store);
    if (connection.kind === "sqlite") connection.db.pragma("wal_autocheckpoint = 4000");
    const before = fileBytes();
    await writeAlerts(store);
    await expect(eventually(() => fileBytes() > before + 1_500_000, 500)).rejects.toThrow(/not met/);
  });

  it("stops with the store, and the store reopens with everything in it", async () => {
    const first = createSqliteStore(sqlite.file);
    await writeAlerts(first);
    await first.close();
    const store = (sqlite.store = createSqliteStore(sqlite.file));
    expect(await store.unreadState("user-3")).toEqual({ unreadCount: 50, cursor: 50 });
  });
});
