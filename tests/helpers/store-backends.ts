/**
 * The two AlertStore implementations a contract suite runs against: an SQLite file in a temp
 * directory, and (when DATABASE_URL is set) PostgreSQL in a private schema. `reopen` opens a
 * second store on the same database: a restart, or a second server sharing it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresStore } from "~/server/store/postgres";
import { createSqliteStore } from "~/server/store/sqlite";
import type { AlertStore } from "~/server/store/types";
import { createTestSchema, DATABASE_URL } from "./postgres";

export interface StoreBackend {
  name: string;
  open(): Promise<{ store: AlertStore; reopen: () => AlertStore; cleanup: () => Promise<void> }>;
}

const sqlite: StoreBackend = {
  name: "sqlite",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "beacon-contract-"));
    const file = join(dir, "beacon.sqlite");
    return { store: createSqliteStore(file), reopen: () => createSqliteStore(file), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres: StoreBackend = {
  name: "postgres",
  async open() {
    const schema = (await createTestSchema())!;
    return { store: createPostgresStore(schema.url), reopen: () => createPostgresStore(schema.url), cleanup: schema.drop };
  },
};

/** SQLite always; PostgreSQL only when DATABASE_URL is set (.ci/run sets it). */
export const STORE_BACKENDS: readonly StoreBackend[] = [sqlite, ...(DATABASE_URL ? [postgres] : [])];
