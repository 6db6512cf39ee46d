/** Picks the AlertStore once at start-up: PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR. */
import { join } from "node:path";
import { type BeaconConfig, ConfigError } from "../config";
import { createPostgresStore } from "./postgres";
import { createSqliteStore } from "./sqlite";
import type { AlertStore } from "./types";

export const SQLITE_FILE_NAME = "beacon.sqlite";

export function createStoreFromConfig(config: Pick<BeaconConfig, "databaseUrl" | "dataDir" | "sqliteSynchronous">): AlertStore {
  if (config.databaseUrl) return createPostgresStore(config.databaseUrl);
  const file = join(config.dataDir, SQLITE_FILE_NAME);
  try {
    return createSqliteStore(file, { synchronous: config.sqliteSynchronous });
  } catch (error) {
    throw new ConfigError(`Invalid Beacon configuration:\n  DATA_DIR: cannot open the alert store ${file}: ${(error as Error).message}`);
  }
}

export type { AlertStore } from "./types";
