/**
 * The networked AlertStore: PostgreSQL via `pg`, chosen when DATABASE_URL is set. Several
 * Beacon servers share it. A user's seqs come from a row in `user_cursors` that each insert
 * bumps: the row lock is held until commit, so one user's alerts commit in seq order even
 * when several servers publish to them at once (catch-up relies on that).
 */
import pg from "pg";
import type { Alert } from "../../shared/alert";
import type { InboxQuery, UnreadState } from "../../shared/inbox";
import { registerConnection } from "./connection";
import { extend } from "../extend";
import { MIGRATIONS_TABLE_SQL, pendingMigrations } from "./migrations";
import { type AlertRow, alertFromRow, type DeliveryRow, deliveryFromRow, inboxFilter, inboxItemFromRow, payloadOf } from "./rows";
import type { AlertStore, DeliveryRecordInput, InboxChangeAt, InsertOptions, UnsequencedAlert, StoredDetail } from "./types";

const ALERT_COLUMNS = "user_id, seq, id, created_at, payload, read_at, archived_at";
/** Any constant works; every Beacon server takes the same lock while migrating. */
const MIGRATION_LOCK_KEY = 0x6265_6163;

/**
 * One statement, so one round trip and one implicit transaction for a whole family group.
 * Users are locked in user_id order, so two groups that overlap cannot deadlock. Each alert's
 * escalation (the delivery ladder's first step, due $7 ms after createdAt) is written by the
 * same statement, so an accepted alert never lacks one.
 */
const INSERT_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
      WITH ORDINALITY AS i(user_id, id, service, severity, created_at, payload, ord)
  ), counts AS (
    SELECT user_id, count(*)::bigint AS n FROM input GROUP BY user_id
  ), bumped AS (
    INSERT INTO user_cursors AS c (user_id, last_seq)
    SELECT user_id, n FROM counts ORDER BY user_id
    ON CONFLICT (user_id) DO UPDATE SET last_seq = c.last_seq + EXCLUDED.last_seq
    RETURNING user_id, last_seq
  ), escalated AS (
    INSERT INTO escalations (alert_id, user_id, step, due_at)
    SELECT id, user_id, 'socket', (extract(epoch FROM created_at::timestamptz) * 1000)::bigint + $7::bigint FROM input
  )
  INSERT INTO alerts (user_id, seq, id, service, severity, created_at, payload)
  SELECT i.user_id, b.last_seq - n.n + row_number() OVER (PARTITION BY i.user_id ORDER BY i.ord),
         i.id, i.service, i.severity, i.created_at::timestamptz, i.payload::jsonb
  FROM input i JOIN bumped b USING (user_id) JOIN counts n USING (user_id)
  RETURNING id, seq`;

export function createPostgresStore(connectionString: string): AlertStore {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const migrated = migrate(pool);
  migrated.catch(() => {}); // surfaced through ready() and every query

  async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    await migrated;
    return (await pool.query<R>(text, values)).rows;
  }

  const store = {
    kind: "postgres",
    ready: () => migrated,
    async ping() {
      await migrated;
      await pool.query("SELECT 1 FROM user_cursors LIMIT 1");
    },
    async insert(alerts: readonly UnsequencedAlert[], options: InsertOptions = {}): Promise<Alert[]> {
      if (alerts.length === 0) return [];
      const column = (pick: (alert: UnsequencedAlert) => string) => alerts.map(pick);
      const rows = await sql<{ id: string; seq: string }>(INSERT_SQL, [
        column((a) => a.userId),
        column((a) => a.id),
        column((a) => a.service),
        column((a) => a.severity),
        column((a) => a.createdAt),
        column(payloadOf),
        options.escalateAfterMs ?? 0,
      ]);
      const seqById = new Map(rows.map((row) => [row.id, Number(row.seq)]));
      return alerts.map((alert) => extend(alert, { seq: seqById.get(alert.id)! }));
    },
    async readAfter(userId, after, limit) {
      const rows = await sql<AlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [userId, after, limit],
      );
      return rows.map(alertFromRow);
    },
    async readUnread(userId, upTo, limit) {
      const rows = await sql<AlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = $1 AND seq <= $2 AND read_at IS NULL AND archived_at IS NULL
         ORDER BY seq DESC LIMIT $3`,
        [userId, upTo, limit],
      );
      return rows.map(alertFromRow).reverse();
    },
    async unreadState(userId): Promise<UnreadState> {
      // One statement sees one snapshot: the count and the cursor agree.
      const [row] = await sql<{ cursor: string | null; unread: string }>(
        `SELECT (SELECT last_seq FROM user_cursors WHERE user_id = $1) AS cursor,
                (SELECT count(*) FROM alerts WHERE user_id = $1 AND read_at IS NULL AND archived_at IS NULL) AS unread`,
        [userId],
      );
      return { unreadCount: Number(row!.unread), cursor: Number(row!.cursor ?? 0) };
    },
    async list(userId, query: InboxQuery) {
      const { where, values } = inboxFilter(userId, query, (index) => `$${index}`);
      const rows = await sql<AlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where} ORDER BY seq DESC LIMIT $${values.length + 1}`,
        [...values, query.limit],
      );
      return rows.map(inboxItemFromRow);
    },
    async get(userId, alertId): Promise<StoredDetail | null> {
      const [row] = await sql<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = $1 AND id = $2`, [userId, alertId]);
      if (!row) return null;
      const deliveries = await sql<DeliveryRow>("SELECT channel, status, at, detail FROM deliveries WHERE alert_id = $1 ORDER BY id", [
        alertId,
      ]);
      return { ...inboxItemFromRow(row), deliveries: deliveries.map(deliveryFromRow) };
    },
    async update(userId, alertId, change: InboxChangeAt) {
      const [row] = await sql<AlertRow>(
        `UPDATE alerts SET
           read_at = CASE WHEN $3::boolean IS NULL THEN read_at WHEN $3 THEN coalesce(read_at, $5) ELSE NULL END,
           archived_at = CASE WHEN $4::boolean IS NULL THEN archived_at WHEN $4 THEN coalesce(archived_at, $5) ELSE NULL END
         WHERE user_id = $1 AND id = $2
         RETURNING ${ALERT_COLUMNS}`,
        [userId, alertId, change.read ?? null, change.archived ?? null, change.at],
      );
      return row ? inboxItemFromRow(row) : null;
    },
    async markAllRead(userId, upTo, at) {
      const rows = await sql<{ id: string }>(
        "UPDATE alerts SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL AND archived_at IS NULL AND ($3::bigint IS NULL OR seq <= $3) RETURNING id",
        [userId, at, upTo ?? null],
      );
      return rows.length;
    },
    async recordDeliveries(records: readonly DeliveryRecordInput[]) {
      if (records.length === 0) return;
      await sql(
        `INSERT INTO deliveries (alert_id, channel, status, at, detail)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])`,
        [
          records.map((r) => r.alertId),
          records.map((r) => r.channel),
          records.map((r) => r.status),
          records.map((r) => r.at),
          records.map((r) => r.detail),
        ],
      );
    },
    async prune(cutoff, limit) {
      const [row] = await sql<{ pruned: string }>(
        `WITH doomed AS (SELECT user_id, seq FROM alerts WHERE created_at < $1 ORDER BY created_at LIMIT $2),
              gone AS (DELETE FROM alerts a USING doomed d WHERE a.user_id = d.user_id AND a.seq = d.seq RETURNING a.id),
              records AS (DELETE FROM deliveries WHERE alert_id IN (SELECT id FROM gone)),
              escalations AS (DELETE FROM escalations WHERE alert_id IN (SELECT id FROM gone))
         SELECT count(*) AS pruned FROM gone`,
        [cutoff, limit],
      );
      return Number(row!.pruned);
    },
    async close() {
      await migrated.catch(() => {});
      await pool.end();
    },
  } satisfies AlertStore;
  return registerConnection(store, { kind: "postgres", pool, migrated });
}

/** Under an advisory lock, so servers starting together take turns and each sees the others' work. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE_SQL);
      const applied = (await client.query<{ version: number }>("SELECT version FROM beacon_migrations")).rows.map((r) => r.version);
      for (const migration of pendingMigrations(applied)) {
        try {
          await client.query("BEGIN");
          await client.query(migration.postgres);
          await client.query("INSERT INTO beacon_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
