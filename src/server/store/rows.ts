/**
 * The row shape both SQL stores share, and its mapping to the shared types. The alert's
 * content is one JSON column so a new optional field needs no migration; what the inbox
 * filters and sorts on (user, seq, service, severity, time, read, archived) has columns.
 */
import type { Alert } from "../../shared/alert";
import type { DeliveryRecord, InboxItem } from "../../shared/inbox";
import { extend } from "../extend";
import type { UnsequencedAlert } from "./types";

export interface AlertRow {
  user_id: string;
  seq: number | string | bigint;
  id: string;
  created_at: string | Date;
  payload: string | Record<string, unknown>;
  read_at?: string | Date | null;
  archived_at?: string | Date | null;
}

export interface DeliveryRow {
  channel: string;
  status: string;
  at: string | Date;
  detail: string | null;
}

/** What goes in the payload column: everything but the columns of its own. */
export function payloadOf(alert: UnsequencedAlert): string {
  const { id: _id, userId: _userId, createdAt: _createdAt, ...content } = alert;
  return JSON.stringify(content);
}

export function alertFromRow(row: AlertRow): Alert {
  const content = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload;
  return extend(content as object, { id: row.id, userId: row.user_id, createdAt: iso(row.created_at), seq: Number(row.seq) }) as Alert;
}

export function inboxItemFromRow(row: AlertRow): InboxItem {
  return { ...alertFromRow(row), readAt: isoOrNull(row.read_at), archivedAt: isoOrNull(row.archived_at) };
}

export function deliveryFromRow(row: DeliveryRow): DeliveryRecord {
  return { channel: row.channel, status: row.status, at: iso(row.at), detail: row.detail } as DeliveryRecord;
}

export function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

function isoOrNull(value: string | Date | null | undefined): string | null {
  return value == null ? null : iso(value);
}

/**
 * The WHERE clause of an inbox listing, for either SQL dialect (`placeholder(n)` gives `?` or `$n`).
 * Values are always bound, never spliced into the text.
 */
export function inboxFilter(
  userId: string,
  query: { before?: number; service?: string; severity?: string; unread?: boolean; archived?: boolean },
  placeholder: (index: number) => string,
): { where: string; values: unknown[] } {
  const values: unknown[] = [userId];
  const conditions = [`user_id = ${placeholder(1)}`];
  const bind = (sql: (p: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(placeholder(values.length)));
  };
  if (query.before !== undefined) bind((p) => `seq < ${p}`, query.before);
  if (query.service) bind((p) => `service = ${p}`, query.service);
  if (query.severity) bind((p) => `severity = ${p}`, query.severity);
  if (query.unread) conditions.push("read_at IS NULL");
  conditions.push(query.archived ? "archived_at IS NOT NULL" : "archived_at IS NULL");
  return { where: conditions.join(" AND "), values };
}
