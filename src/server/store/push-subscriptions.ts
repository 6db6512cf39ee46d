/**
 * Web Push subscriptions beside the alerts, in the alert store's own SQLite file or
 * PostgreSQL database (migration 2). One row per browser profile and device; the endpoint
 * identifies it, so saving the same endpoint again refreshes the row instead of adding one.
 */
import { randomBytes } from "node:crypto";
import type { PushSubscriptionRecord, PushSubscriptionStore } from "../channels/providers";
import { connectionOf } from "./connection";
import type { AlertStore } from "./types";

interface SubscriptionRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: string | null;
  created_at: string | Date;
}

const COLUMNS = "id, user_id, endpoint, p256dh, auth, device, created_at";

export function createPushSubscriptionStore(alertStore: AlertStore): PushSubscriptionStore {
  const connection = connectionOf(alertStore);
  return connection.kind === "sqlite" ? sqliteStore(connection) : postgresStore(connection);
}

function recordOf(row: SubscriptionRow): PushSubscriptionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    device: row.device,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const newId = () => `ps_${randomBytes(12).toString("base64url")}`;

function sqliteStore({ db, commits }: Extract<ReturnType<typeof connectionOf>, { kind: "sqlite" }>): PushSubscriptionStore {
  const statements = {
    upsert: db.prepare(
      `INSERT INTO push_subscriptions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, device = excluded.device
       RETURNING ${COLUMNS}`,
    ),
    list: db.prepare(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = ? ORDER BY created_at, id`),
    remove: db.prepare("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?"),
    removeById: db.prepare("DELETE FROM push_subscriptions WHERE id = ?"),
  };
  return {
    async save(userId, subscription) {
      const row = await commits.write(
        () =>
          statements.upsert.get(
            newId(),
            userId,
            subscription.endpoint,
            subscription.keys.p256dh,
            subscription.keys.auth,
            subscription.device ?? null,
            new Date().toISOString(),
          ) as SubscriptionRow,
      );
      return recordOf(row);
    },
    async list(userId) {
      return (statements.list.all(userId) as SubscriptionRow[]).map(recordOf);
    },
    async remove(userId, endpoint) {
      const result = await commits.write(() => statements.remove.run(userId, endpoint));
      return result.changes > 0;
    },
    async removeById(id) {
      await commits.write(() => statements.removeById.run(id));
    },
  } satisfies PushSubscriptionStore;
}

function postgresStore({ pool, migrated }: Extract<ReturnType<typeof connectionOf>, { kind: "postgres" }>): PushSubscriptionStore {
  async function sql(text: string, values: unknown[]) {
    await migrated;
    return pool.query<SubscriptionRow>(text, values);
  }
  return {
    async save(userId, subscription) {
      const { rows } = await sql(
        `INSERT INTO push_subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, device = EXCLUDED.device
         RETURNING ${COLUMNS}`,
        [newId(), userId, subscription.endpoint, subscription.keys.p256dh, subscription.keys.auth, subscription.device ?? null, new Date()],
      );
      return recordOf(rows[0]!);
    },
    async list(userId) {
      const { rows } = await sql(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
      return rows.map(recordOf);
    },
    async remove(userId, endpoint) {
      const { rowCount } = await sql("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2", [userId, endpoint]);
      return (rowCount ?? 0) > 0;
    },
    async removeById(id) {
      await sql("DELETE FROM push_subscriptions WHERE id = $1", [id]);
    },
  } satisfies PushSubscriptionStore;
}
