/**
 * The database under an AlertStore, for the stores that sit beside it (push subscriptions,
 * preferences, groups, the delivery ladder). They share the alert store's one SQLite file or
 * PostgreSQL pool, and its migrations, instead of opening their own; each lives in its own
 * module and reaches the connection through `connectionOf(store)`.
 */
import type Database from "libsql";
import type pg from "pg";
import type { GroupCommit } from "./group-commit";
import type { AlertStore } from "./types";

export type StoreConnection =
  | {
      kind: "sqlite";
      db: Database.Database;
      /** Writes go through the group commit, so they share transactions with alert inserts. */
      commits: GroupCommit;
    }
  | {
      kind: "postgres";
      pool: pg.Pool;
      /** Resolves once migrations ran; await it before the first query. */
      migrated: Promise<void>;
    };

const connections = new WeakMap<AlertStore, StoreConnection>();

/** Called once by each AlertStore implementation as it is built. */
export function registerConnection<S extends AlertStore>(store: S, connection: StoreConnection): S {
  connections.set(store, connection);
  return store;
}

export function connectionOf(store: AlertStore): StoreConnection {
  const connection = connections.get(store);
  if (!connection) throw new Error(`this ${store.kind} store has no registered connection`);
  return connection;
}
