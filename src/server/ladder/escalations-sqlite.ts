/**
 * Escalations in the embedded store. Every write goes through the alert store's group commit,
 * so a claim is one transaction (BEGIN IMMEDIATE: no other writer, in this process or another
 * on the same file, runs between its SELECT and UPDATE).
 */
import { randomUUID } from "node:crypto";
import type { StoreConnection } from "../store/connection";
import { type AckResult, claimFromRow, type EscalationRow, type EscalationStore, escalationFromRow } from "./escalation-store";

const COLUMNS = "alert_id, user_id, step, due_at, attempts, pending, lease_token, lease_until, acknowledged_at, ack_channel";

export function createSqliteEscalations(connection: Extract<StoreConnection, { kind: "sqlite" }>): EscalationStore {
  const { db, commits } = connection;
  const statements = {
    anyDue: db.prepare(
      "SELECT 1 FROM escalations WHERE step <> 'done' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) LIMIT 1",
    ),
    claim: db.prepare(
      `UPDATE escalations SET lease_token = ?, lease_until = ?
       WHERE alert_id IN (
         SELECT alert_id FROM escalations
         WHERE step <> 'done' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY due_at LIMIT ?
       )
       RETURNING ${COLUMNS}`,
    ),
    advance: db.prepare(
      `UPDATE escalations SET step = ?, due_at = ?, attempts = ?, pending = ?,
         lease_token = CASE WHEN ? THEN lease_token ELSE NULL END,
         lease_until = CASE WHEN ? THEN lease_until ELSE NULL END
       WHERE alert_id = ? AND lease_token = ? AND acknowledged_at IS NULL`,
    ),
    skipSocket: db.prepare(
      `UPDATE escalations SET step = 'push', due_at = ?
       WHERE alert_id = ? AND step = 'socket' AND lease_token IS NULL AND acknowledged_at IS NULL`,
    ),
    existing: db.prepare("SELECT 1 FROM escalations WHERE alert_id = ? AND user_id = ?"),
    acknowledge: db.prepare(
      `UPDATE escalations SET acknowledged_at = ?, ack_channel = ?, step = 'done', lease_token = NULL, lease_until = NULL
       WHERE alert_id = ? AND user_id = ? AND acknowledged_at IS NULL`,
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM escalations WHERE alert_id = ?`),
    insertDelivery: db.prepare("INSERT INTO deliveries (alert_id, channel, status, at, detail) VALUES (?, ?, ?, ?, ?)"),
  };

  return {
    async claimDue(now, leaseMs, limit) {
      // Most rounds find nothing (acked alerts): a read answers that without a write transaction.
      if (!statements.anyDue.get(now, now)) return [];
      const token = randomUUID();
      return commits.write(() =>
        (statements.claim.all(token, now + leaseMs, now, now, limit) as EscalationRow[]).map(claimFromRow),
      );
    },
    advance(claim, next, options = {}) {
      const keep = options.keepLease ? 1 : 0;
      const pending = next.pending ? JSON.stringify(next.pending) : null;
      return commits.write(() => {
        for (const r of options.records ?? []) statements.insertDelivery.run(r.alertId, r.channel, r.status, r.at, r.detail);
        return statements.advance.run(next.step, next.dueAt, next.attempts, pending, keep, keep, claim.alertId, claim.token).changes === 1;
      });
    },
    skipSocket(alertId, now) {
      return commits.write(() => statements.skipSocket.run(now, alertId).changes === 1);
    },
    acknowledge(userId, alertId, channel, at, detail): Promise<AckResult> {
      const when = at.toISOString();
      // Write first, inside the group commit: most acks are the first for their alert, and a
      // read outside a transaction costs SQLite a read transaction of its own (lock, WAL index),
      // which profiling showed as the largest single item of a publish. A repeat ack (a replay,
      // a second tab) changes nothing, so its batch commits no page for it.
      return commits.write((): AckResult => {
        // One array of parameters: separate arguments cost a flat() copy each (see sqlite.ts insertNow).
        if (statements.acknowledge.run([when, channel, alertId, userId]).changes === 1) {
          // The ack and its delivery record commit together.
          statements.insertDelivery.run([alertId, channel, "acknowledged", when, detail]);
          return "acknowledged";
        }
        return statements.existing.get(alertId, userId) ? "already_acknowledged" : "not_found";
      });
    },
    async get(alertId) {
      const row = statements.get.get(alertId) as EscalationRow | undefined;
      return row ? escalationFromRow(row) : null;
    },
  };
}
