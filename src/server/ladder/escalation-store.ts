/**
 * Where the delivery ladder keeps its state: one escalation per alert (written with the alert,
 * see AlertStore.insert), saying which rung is next and when it is due. The state lives in the
 * store rather than in timers so a restart, or another server, picks up where this one stopped.
 * Two implementations over the alert store's own connection (connectionOf): SQLite and PostgreSQL.
 */
import { PENDING_LADDER_STEPS } from "../../shared/inbox";
import type { AlertStore, DeliveryRecordInput } from "../store/types";
import { connectionOf } from "../store/connection";
import { createPostgresEscalations } from "./escalations-postgres";
import { createSqliteEscalations } from "./escalations-sqlite";

/**
 * - `socket`: the alert went to the user's sockets (or is about to); waiting for a tab's ack.
 * - `push`: send Web Push (again, after a transient failure).
 * - `push_wait`: push was accepted; waiting for the service worker's ack.
 * - `email`: send the email (again, after a transient failure).
 * - `email_sending`: marked just before the email is handed to the provider, so a claim that
 *   finds it knows a send may have happened (see ladder.ts on the at-least-once window).
 * - `done`: acknowledged, delivered by email, or nothing more to try.
 */
export const ESCALATION_STEPS = [...PENDING_LADDER_STEPS, "done"] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

export interface Escalation {
  alertId: string;
  userId: string;
  step: EscalationStep;
  /** Ms since the epoch. */
  dueAt: number;
  /** Tries of the current step so far (bounded retries with backoff). */
  attempts: number;
  /** Push subscription ids still to retry after a transient failure; null: all of the user's. */
  pending: string[] | null;
  acknowledgedAt: string | null;
  ackChannel: string | null;
}

/** An escalation this caller holds until `leaseUntil`; `token` fences its writes. */
export interface ClaimedEscalation extends Escalation {
  token: string;
  leaseUntil: number;
}

export interface NextStep {
  step: EscalationStep;
  dueAt: number;
  attempts: number;
  pending?: string[] | null;
}

export interface AdvanceOptions {
  keepLease?: boolean;
  records?: readonly DeliveryRecordInput[];
}

export type AckResult = "acknowledged" | "already_acknowledged" | "not_found";

export interface EscalationStore {
  /**
   * Claims up to `limit` escalations that are due at `now`, not done and not held by a live
   * lease, for `leaseMs`. Two callers (threads, processes, servers) never hold one escalation
   * at once: a claim is one atomic UPDATE (PostgreSQL: FOR UPDATE SKIP LOCKED). A holder that
   * dies loses its claim when the lease runs out, and the next caller resumes the step.
   */
  claimDue(now: number, leaseMs: number, limit: number): Promise<ClaimedEscalation[]>;
  /**
   * Moves a claimed escalation to its next step and releases the lease (`keepLease`: keeps
   * it, to mark a step before doing it). False when the claim was lost (lease expired and taken)
   * or the alert was acknowledged meanwhile: the caller must then stop. `records` (what the
   * step did) are written in the same transaction whatever the answer: a step and its record
   * are never seen apart, so a record on screen means the step will not run again.
   */
  advance(claim: ClaimedEscalation, next: NextStep, options?: AdvanceOptions): Promise<boolean>;
  /**
   * The user has no live socket: skip waiting for a tab's ack and go to push now. Only an
   * escalation still at step `socket` and unclaimed moves; returns whether it did.
   */
  skipSocket(alertId: string, now: number): Promise<boolean>;
  /**
   * Records that a tab or the service worker showed the alert, and ends its ladder. Only
   * `userId`'s own alert: anyone else's answers not_found. The first ack wins; later ones
   * (other tabs) answer already_acknowledged and change nothing. The winning ack's delivery
   * record (status "acknowledged", `detail`) is written in the same transaction.
   */
  acknowledge(userId: string, alertId: string, channel: "websocket" | "push", at: Date, detail: string): Promise<AckResult>;
  /** The escalation of one alert (tests, the detail view); null when there is none. */
  get(alertId: string): Promise<Escalation | null>;
}

export function createEscalationStore(store: AlertStore): EscalationStore {
  const connection = connectionOf(store);
  return connection.kind === "sqlite" ? createSqliteEscalations(connection) : createPostgresEscalations(connection);
}

export interface EscalationRow {
  alert_id: string;
  user_id: string;
  step: string;
  due_at: number | string;
  attempts: number;
  pending: string | null;
  lease_token?: string | null;
  lease_until?: number | string | null;
  acknowledged_at: string | Date | null;
  ack_channel: string | null;
}

export function escalationFromRow(row: EscalationRow): Escalation {
  return {
    alertId: row.alert_id,
    userId: row.user_id,
    step: row.step as EscalationStep,
    dueAt: Number(row.due_at),
    attempts: Number(row.attempts),
    pending: row.pending ? (JSON.parse(row.pending) as string[]) : null,
    acknowledgedAt: row.acknowledged_at instanceof Date ? row.acknowledged_at.toISOString() : row.acknowledged_at,
    ackChannel: row.ack_channel,
  };
}

export function claimFromRow(row: EscalationRow): ClaimedEscalation {
  return { ...escalationFromRow(row), token: row.lease_token!, leaseUntil: Number(row.lease_until) };
}
