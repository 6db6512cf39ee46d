/**
 * Escalations in PostgreSQL, shared by every server. A claim takes due rows with
 * `FOR UPDATE SKIP LOCKED`, so servers polling at the same moment split the work instead of
 * queueing behind each other's locks or running one step twice.
 */
import { randomUUID } from "node:crypto";
import type { StoreConnection } from "../store/connection";
import { type AckResult, claimFromRow, type EscalationRow, type EscalationStore, escalationFromRow } from "./escalation-store";

const COLUMNS = "alert_id, user_id, step, due_at, attempts, pending, lease_token, lease_until, acknowledged_at, ack_channel";

export function createPostgresEscalations(connection: Extract<StoreConnection, { kind: "postgres" }>): EscalationStore {
  const { pool, migrated } = connection;
  async function sql<R extends object>(text: string, values: unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    await migrated;
    const result = await pool.query(text, values);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  return {
    async claimDue(now, leaseMs, limit) {
      const { rows } = await sql<EscalationRow>(
        `UPDATE escalations e SET lease_token = $1, lease_until = $2
         FROM (
           SELECT alert_id FROM escalations
           WHERE step <> 'done' AND due_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
           ORDER BY due_at LIMIT $4
           FOR UPDATE SKIP LOCKED
         ) due
         WHERE e.alert_id = due.alert_id
         RETURNING ${COLUMNS.split(", ").map((c) => `e.${c}`).join(", ")}`,
        [randomUUID(), now + leaseMs, now, limit],
      );
      return rows.map(claimFromRow);
    },
    async advance(claim, next, options = {}) {
      const records = options.records ?? [];
      // One statement: the move and the records commit together.
      const { rows } = await sql<{ moved: string }>(
        `WITH moved AS (
           UPDATE escalations SET step = $1, due_at = $2, attempts = $3, pending = $4,
             lease_token = CASE WHEN $5 THEN lease_token ELSE NULL END,
             lease_until = CASE WHEN $5 THEN lease_until ELSE NULL END
           WHERE alert_id = $6 AND lease_token = $7 AND acknowledged_at IS NULL
           RETURNING 1
         ), recorded AS (
           INSERT INTO deliveries (alert_id, channel, status, at, detail)
           SELECT * FROM unnest($8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[])
         )
         SELECT count(*) AS moved FROM moved`,
        [
          next.step,
          next.dueAt,
          next.attempts,
          next.pending ? JSON.stringify(next.pending) : null,
          Boolean(options.keepLease),
          claim.alertId,
          claim.token,
          records.map((r) => r.alertId),
          records.map((r) => r.channel),
          records.map((r) => r.status),
          records.map((r) => r.at),
          records.map((r) => r.detail),
        ],
      );
      return Number(rows[0]?.moved ?? 0) === 1;
    },
    async skipSocket(alertId, now) {
      const { rowCount } = await sql(
        `UPDATE escalations SET step = 'push', due_at = $1
         WHERE alert_id = $2 AND step = 'socket' AND lease_token IS NULL AND acknowledged_at IS NULL`,
        [now, alertId],
      );
      return rowCount === 1;
    },
    async acknowledge(userId, alertId, channel, at, detail): Promise<AckResult> {
      // One statement: the ack and its delivery record commit together.
      const { rows: acked } = await sql<{ acked: string }>(
        `WITH acked AS (
           UPDATE escalations SET acknowledged_at = $1, ack_channel = $2, step = 'done', lease_token = NULL, lease_until = NULL
           WHERE alert_id = $3 AND user_id = $4 AND acknowledged_at IS NULL
           RETURNING alert_id
         ), recorded AS (
           INSERT INTO deliveries (alert_id, channel, status, at, detail)
           SELECT alert_id, $2, 'acknowledged', $1::timestamptz, $5 FROM acked
         )
         SELECT count(*) AS acked FROM acked`,
        [at.toISOString(), channel, alertId, userId, detail],
      );
      if (Number(acked[0]?.acked ?? 0) === 1) return "acknowledged";
      const { rows } = await sql(`SELECT 1 FROM escalations WHERE alert_id = $1 AND user_id = $2`, [alertId, userId]);
      return rows.length > 0 ? "already_acknowledged" : "not_found";
    },
    async get(alertId) {
      const { rows } = await sql<EscalationRow>(`SELECT ${COLUMNS} FROM escalations WHERE alert_id = $1`, [alertId]);
      return rows[0] ? escalationFromRow(rows[0]) : null;
    },
  };
}
