/**
 * Versioned schema changes, applied in order at start-up and recorded in `beacon_migrations`.
 * Append new versions; never edit one that has shipped. Each version has the SQL for both
 * dialects so the two stores cannot drift apart.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "alerts, per-user cursors, read state and delivery records",
    sqlite: `
      CREATE TABLE user_cursors (
        user_id TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE alerts (
        user_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        severity TEXT NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        read_at TEXT,
        archived_at TEXT,
        PRIMARY KEY (user_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX alerts_unread ON alerts (user_id, seq) WHERE read_at IS NULL AND archived_at IS NULL;
      CREATE INDEX alerts_created_at ON alerts (created_at);
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        alert_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX deliveries_alert ON deliveries (alert_id, id);
    `,
    postgres: `
      CREATE TABLE user_cursors (
        user_id TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL
      );
      CREATE TABLE alerts (
        user_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        severity TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        payload JSONB NOT NULL,
        read_at TIMESTAMPTZ,
        archived_at TIMESTAMPTZ,
        PRIMARY KEY (user_id, seq)
      );
      CREATE INDEX alerts_unread ON alerts (user_id, seq) WHERE read_at IS NULL AND archived_at IS NULL;
      CREATE INDEX alerts_created_at ON alerts (created_at);
      CREATE TABLE deliveries (
        id BIGSERIAL PRIMARY KEY,
        alert_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        detail TEXT
      );
      CREATE INDEX deliveries_alert ON deliveries (alert_id, id);
    `,
  },
  {
    version: 2,
    name: "web push subscriptions, per user and device",
    // The endpoint is the subscription's identity (a push service URL with a capability in it),
    // so it is unique across users: a browser profile re-subscribing under another account moves it.
    sqlite: `
      CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        endpoint TEXT NOT NULL UNIQUE,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        device TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);
    `,
    postgres: `
      CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        endpoint TEXT NOT NULL UNIQUE,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        device TEXT,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);
    `,
  },
  {
    version: 3,
    name: "delivery ladder: one escalation per alert (step, due time, attempts, lease, acknowledgement)",
    // Times are ms since the epoch in both dialects, so the ladder's arithmetic is the same SQL.
    // Alerts stored before this version get a finished escalation: nobody should be emailed
    // about last month's alerts because the schema changed.
    sqlite: `
      CREATE TABLE escalations (
        alert_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        step TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        pending TEXT,
        lease_token TEXT,
        lease_until INTEGER,
        acknowledged_at TEXT,
        ack_channel TEXT
      ) WITHOUT ROWID;
      CREATE INDEX escalations_due ON escalations (due_at) WHERE step <> 'done';
      INSERT INTO escalations (alert_id, user_id, step, due_at) SELECT id, user_id, 'done', 0 FROM alerts;
    `,
    postgres: `
      CREATE TABLE escalations (
        alert_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        step TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        pending TEXT,
        lease_token TEXT,
        lease_until BIGINT,
        acknowledged_at TIMESTAMPTZ,
        ack_channel TEXT
      );
      CREATE INDEX escalations_due ON escalations (due_at) WHERE step <> 'done';
      INSERT INTO escalations (alert_id, user_id, step, due_at) SELECT id, user_id, 'done', 0 FROM alerts;
    `,
  },
  {
    version: 4,
    name: "delivery preferences and family groups",
    // Preferences are one JSON document per user: they are read whole (by the ladder, the
    // settings page) and validated by PreferencesSchema, never queried by field.
    sqlite: `
      CREATE TABLE user_preferences (
        user_id TEXT PRIMARY KEY,
        preferences TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE family_groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX family_groups_owner ON family_groups (owner_id);
      CREATE TABLE family_group_members (
        group_id TEXT NOT NULL REFERENCES family_groups (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX family_group_members_user ON family_group_members (user_id);
    `,
    postgres: `
      CREATE TABLE user_preferences (
        user_id TEXT PRIMARY KEY,
        preferences JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE family_groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX family_groups_owner ON family_groups (owner_id);
      CREATE TABLE family_group_members (
        group_id TEXT NOT NULL REFERENCES family_groups (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      );
      CREATE INDEX family_group_members_user ON family_group_members (user_id);
    `,
  },
  {
    version: 5,
    name: "embedded store: alerts appended in arrival order, one covering index per user",
    // SQLite only. Version 1 clustered alerts by (user_id, seq) (WITHOUT ROWID): every alert,
    // payload and all, landed on a random page of the table, and its unread-index entry on
    // another, and a COMMIT writes each page it dirtied whole to the WAL (and the checkpoint
    // again to the file). Committing was most of the store's cost under load. Now rows are
    // appended by rowid (a batch fills the same last pages) and one index, (user_id, seq,
    // read_at, archived_at), answers every per-user query; the unread count and the unread
    // scan read it alone. Store-only benchmark figures: bench/results/2026-11-29.md.
    // Nothing else writes seq: the inserting transaction takes it (see lastSeq in sqlite.ts),
    // so the index need not be UNIQUE for (user_id, seq) to stay unique.
    // PostgreSQL tables are heaps, appended already: nothing to change there.
    sqlite: `
      CREATE TABLE alerts_appended (
        user_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        severity TEXT NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        read_at TEXT,
        archived_at TEXT
      );
      INSERT INTO alerts_appended (user_id, seq, id, service, severity, created_at, payload, read_at, archived_at)
        SELECT user_id, seq, id, service, severity, created_at, payload, read_at, archived_at FROM alerts ORDER BY created_at, id;
      DROP TABLE alerts;
      ALTER TABLE alerts_appended RENAME TO alerts;
      CREATE INDEX alerts_user ON alerts (user_id, seq, read_at, archived_at);
      CREATE INDEX alerts_created_at ON alerts (created_at);
    `,
    postgres: "SELECT 1",
  },
  {
    version: 6,
    name: "embedded store: a user's next seq follows their newest alert; user_cursors keeps the seq of a pruned newest one",
    // No SQL: the version marks a change in how sqlite.ts takes seqs, so that an older Beacon,
    // which still counts in user_cursors (no longer kept up to date), refuses this database
    // instead of handing out seqs that are taken.
    sqlite: "SELECT 1",
    postgres: "SELECT 1",
  },
];

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS beacon_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The migrations not yet applied, in order; refuses a database newer than this code. */
export function pendingMigrations(applied: readonly number[]): Migration[] {
  const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const unknown = applied.filter((version) => version > newest);
  if (unknown.length > 0) {
    throw new Error(`the database has schema version ${Math.max(...unknown)}, newer than this Beacon (${newest}); upgrade Beacon`);
  }
  const done = new Set(applied);
  return MIGRATIONS.filter((migration) => !done.has(migration.version));
}
