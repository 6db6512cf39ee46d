/**
 * The embedded AlertStore: one SQLite file under DATA_DIR (libsql, prebuilt from npm).
 * WAL journal; `insert` resolves once the commit is in the WAL, which survives the process
 * being killed at any point. SQLITE_SYNCHRONOUS=full adds an fsync per commit for OS crashes
 * and power cuts. Writes are group-committed (see group-commit.ts); WAL checkpoints run on a
 * thread of their own (checkpointer.ts). Reads run straight on the one connection: SQLite
 * calls are synchronous and fast here, so there is no pool to size.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "libsql";
import type { Alert } from "../../shared/alert";
import type { InboxItem, InboxQuery, UnreadState } from "../../shared/inbox";
import { extend } from "../extend";
import { log } from "../log";
import { type Checkpointer, startCheckpointer } from "./checkpointer";
import { registerConnection } from "./connection";
import { createGroupCommit } from "./group-commit";
import { createSeqCache } from "./seq-cache";
import { type Migration, MIGRATIONS_TABLE_SQL, pendingMigrations } from "./migrations";
import { type AlertRow, alertFromRow, type DeliveryRow, deliveryFromRow, inboxFilter, inboxItemFromRow, payloadOf } from "./rows";
import type { AlertStore, DeliveryRecordInput, InboxChangeAt, InsertOptions, UnsequencedAlert, StoredDetail } from "./types";

const ALERT_COLUMNS = "user_id, seq, id, created_at, payload, read_at, archived_at";
/** The user's newest seq (?1 is the user id), 0 before their first alert; see statements.lastSeq. */
const LAST_SEQ = `max(coalesce((SELECT max(seq) FROM alerts WHERE user_id = ?1), 0),
  coalesce((SELECT last_seq FROM user_cursors WHERE user_id = ?1), 0))`;
/** The writer's own checkpoint threshold, when there is no checkpoint thread. */
const WAL_CHECKPOINT_PAGES = 400;
/**
 * With the checkpoint thread, the writer checkpoints past this many pages (see checkpointer.ts
 * for why that still happens under load). 1,000 was worse in the store harness: loop delay
 * p99 3.1–3.5 ms against 1.9–2.2, event-loop time per alert 62–78 µs against 53–64.
 */
const FALLBACK_CHECKPOINT_PAGES = 4000;
/**
 * How often the checkpoint thread copies the WAL into the file. Each pass that finds frames
 * syncs the WAL and the file (two fsyncs), and pages changed again since the last pass are
 * copied again, so the thread's CPU follows how often it runs, not the load. Store harness,
 * 2,500 alerts/s, alternating runs: the thread's CPU per alert 27–30 µs every 25 ms, 13–15 µs
 * every 100 ms, 9–11 µs every 250 ms. The price is the writer's own checkpoint under load (see
 * checkpointer.ts), which copies what arrived since the thread's last pass: event-loop delay
 * max 7–11 ms at 25 ms, 10–17 ms at 100 ms, 14–18 ms at 250 ms; p99 2.2–2.7 ms in all three.
 */
const CHECKPOINT_THREAD_EVERY_MS = 100;

export interface SqliteStoreOptions {
  /** See SQLITE_SYNCHRONOUS in config.ts. Default "normal". */
  synchronous?: "normal" | "full";
  /** Checkpoint on a worker thread (see checkpointer.ts). Default true for a file. */
  checkpointThread?: boolean;
  /** Queued writes that commit without waiting out the window; FULL_BATCH in group-commit.ts (the store bench varies it). */
  fullBatch?: number;
}

export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): AlertStore {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // In WAL mode, NORMAL syncs at checkpoints rather than every commit: a killed process loses
  // nothing, an OS crash may lose the last commits. FULL syncs every commit (batch).
  db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
  // Another process holding the write lock (a second instance on the same file) waits, not fails.
  db.pragma("busy_timeout = 5000");
  // Checkpoints copy committed pages from the WAL into the file: about half of what a COMMIT
  // cost. SQLite runs them inside the COMMIT that takes the WAL past a threshold, on the event
  // loop, so a file store hands them to a thread of their own (checkpointer.ts).
  // `pnpm bench --store-checkpoints` (2,500 alerts/s with acks, 10,000 users), alternating
  // runs: event-loop time per alert 53–59 µs against 84–91 µs at 400 pages, loop delay p99
  // 2 ms against 4.6–4.8 ms, CPU of all threads about the same.
  // Without the thread, 400 pages rather than the default 1,000: shorter, more frequent blocks
  // for about the same total work (event-loop delay p99 10–15 ms against 19–26 ms).
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  migrate(db);
  // After migrating: a database this code refuses must not leave a thread behind.
  const checkpointer = options.checkpointThread !== false && file !== ":memory:" ? startCheckpointThread(file, db) : null;

  // See seq-cache.ts: valid while no other connection writes, which data_version tells.
  const seqs = createSeqCache();
  const dataVersion = db.prepare("PRAGMA data_version");
  let seenDataVersion: number | null = null;
  const commits = createGroupCommit(db, {
    fullBatch: options.fullBatch,
    onBegin() {
      const version = (dataVersion.get() as { data_version: number }).data_version;
      if (version !== seenDataVersion) seqs.clear();
      seenDataVersion = version;
    },
    onRollback: () => seqs.clear(),
  });
  const statements = {
    // Asked only when the seq cache does not know the user (see seq-cache.ts).
    // A user's newest seq is the last entry of their slice of alerts_user (a page the insert
    // dirties anyway), or, once retention has pruned their newest alert, the floor it left in
    // user_cursors. Counting in user_cursors on every insert dirtied one more random page per
    // alert, for the COMMIT to write to the WAL and the checkpoint again to the file: store
    // harness, three alternating pairs, event-loop time per alert 89–94 µs against 107–118.
    lastSeq: db.prepare(`SELECT ${LAST_SEQ} AS seq`),
    keepSeqOfNewest: db.prepare(
      `INSERT INTO user_cursors (user_id, last_seq)
       SELECT ?1, ?2 WHERE ?2 >= (SELECT max(seq) FROM alerts WHERE user_id = ?1)
       ON CONFLICT (user_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
    ),
    insertAlert: db.prepare(
      "INSERT INTO alerts (user_id, seq, id, service, severity, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertEscalation: db.prepare("INSERT INTO escalations (alert_id, user_id, step, due_at) VALUES (?, ?, 'socket', ?)"),
    readAfter: db.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
    readUnread: db.prepare(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = ? AND seq <= ? AND read_at IS NULL AND archived_at IS NULL
       ORDER BY seq DESC LIMIT ?`,
    ),
    unreadState: db.prepare(
      `SELECT ${LAST_SEQ} AS cursor,
              (SELECT count(*) FROM alerts WHERE user_id = ?1 AND read_at IS NULL AND archived_at IS NULL) AS unread`,
    ),
    getOne: db.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE user_id = ? AND id = ?`),
    deliveriesOf: db.prepare("SELECT channel, status, at, detail FROM deliveries WHERE alert_id = ? ORDER BY id"),
    setRead: db.prepare("UPDATE alerts SET read_at = CASE WHEN ? THEN coalesce(read_at, ?) ELSE NULL END WHERE user_id = ? AND id = ?"),
    setArchived: db.prepare(
      "UPDATE alerts SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) ELSE NULL END WHERE user_id = ? AND id = ?",
    ),
    markAllRead: db.prepare("UPDATE alerts SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND archived_at IS NULL AND seq <= ?"),
    insertDelivery: db.prepare("INSERT INTO deliveries (alert_id, channel, status, at, detail) VALUES (?, ?, ?, ?, ?)"),
    oldestBefore: db.prepare("SELECT user_id, seq, id FROM alerts WHERE created_at < ? ORDER BY created_at LIMIT ?"),
    deleteAlert: db.prepare("DELETE FROM alerts WHERE user_id = ? AND seq = ?"),
    deleteDeliveries: db.prepare("DELETE FROM deliveries WHERE alert_id = ?"),
    deleteEscalation: db.prepare("DELETE FROM escalations WHERE alert_id = ?"),
  };

  // The statements every alert runs take their parameters as one array: given separate
  // arguments, libsql copies them with `flat()` first (0.5–0.7 µs a statement, measured).
  function insertNow(alerts: readonly UnsequencedAlert[], options: InsertOptions): Alert[] {
    const escalateAfterMs = options.escalateAfterMs ?? 0;
    return alerts.map((alert) => {
      const seq = (seqs.get(alert.userId) ?? (statements.lastSeq.get([alert.userId]) as { seq: number }).seq) + 1;
      statements.insertAlert.run([alert.userId, seq, alert.id, alert.service, alert.severity, alert.createdAt, payloadOf(alert)]);
      statements.insertEscalation.run([alert.id, alert.userId, Date.parse(alert.createdAt) + escalateAfterMs]);
      seqs.set(alert.userId, seq);
      return extend(alert, { seq });
    });
  }

  function getItem(userId: string, alertId: string): InboxItem | null {
    const row = statements.getOne.get(userId, alertId) as AlertRow | undefined;
    return row ? inboxItemFromRow(row) : null;
  }

  const store = {
    kind: "sqlite",
    async ready() {},
    async ping() {
      db.prepare("SELECT count(*) FROM user_cursors").get();
    },
    insert: (alerts, options = {}) => commits.write(() => insertNow(alerts, options)),
    async readAfter(userId, after, limit) {
      return (statements.readAfter.all(userId, after, limit) as AlertRow[]).map(alertFromRow);
    },
    async readUnread(userId, upTo, limit) {
      return (statements.readUnread.all(userId, upTo, limit) as AlertRow[]).map(alertFromRow).reverse();
    },
    async unreadState(userId): Promise<UnreadState> {
      const row = statements.unreadState.get(userId) as { cursor: number | null; unread: number };
      return { unreadCount: Number(row.unread), cursor: Number(row.cursor ?? 0) };
    },
    async list(userId, query: InboxQuery) {
      const { where, values } = inboxFilter(userId, query, () => "?");
      const rows = db.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where} ORDER BY seq DESC LIMIT ?`).all(...values, query.limit);
      return (rows as AlertRow[]).map(inboxItemFromRow);
    },
    async get(userId, alertId): Promise<StoredDetail | null> {
      const item = getItem(userId, alertId);
      if (!item) return null;
      const deliveries = (statements.deliveriesOf.all(alertId) as DeliveryRow[]).map(deliveryFromRow);
      return { ...item, deliveries };
    },
    update(userId, alertId, change: InboxChangeAt) {
      const at = change.at.toISOString();
      return commits.write(() => {
        if (change.read !== undefined) statements.setRead.run(change.read ? 1 : 0, at, userId, alertId);
        if (change.archived !== undefined) statements.setArchived.run(change.archived ? 1 : 0, at, userId, alertId);
        return getItem(userId, alertId);
      });
    },
    markAllRead(userId, upTo, at) {
      return commits.write(
        () => statements.markAllRead.run(at.toISOString(), userId, upTo ?? Number.MAX_SAFE_INTEGER).changes,
      );
    },
    recordDeliveries(records: readonly DeliveryRecordInput[]) {
      if (records.length === 0) return Promise.resolve();
      // Nobody waits on a delivery record: let it share the next alert's commit. (Not an async
      // function: one promise per alert fewer on the publish path.)
      return commits.writeSoon(() => {
        for (const record of records) {
          statements.insertDelivery.run([record.alertId, record.channel, record.status, record.at, record.detail]);
        }
      });
    },
    prune(cutoff, limit) {
      return commits.write(() => {
        const doomed = statements.oldestBefore.all(cutoff.toISOString(), limit) as Array<{ user_id: string; seq: number; id: string }>;
        for (const row of doomed) {
          // Deleting a user's newest alert must not let their next alert reuse its seq.
          statements.keepSeqOfNewest.run(row.user_id, row.seq);
          statements.deleteDeliveries.run(row.id);
          statements.deleteEscalation.run(row.id);
          statements.deleteAlert.run(row.user_id, row.seq);
        }
        return doomed.length;
      });
    },
    async close() {
      commits.flush();
      await checkpointer?.stop();
      db.close();
    },
  } satisfies AlertStore;
  return registerConnection(store, { kind: "sqlite", db, commits });
}

/** All pending versions in one write transaction, read inside it, so two processes starting together cannot both apply one. */
function migrate(db: Database.Database): void {
  db.exec(MIGRATIONS_TABLE_SQL);
  db.exec("BEGIN IMMEDIATE");
  let current: Migration | undefined;
  try {
    const applied = db.prepare("SELECT version FROM beacon_migrations").pluck().all() as number[];
    for (const migration of pendingMigrations(applied)) {
      current = migration;
      db.exec(migration.sqlite);
      db.prepare("INSERT INTO beacon_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    const which = current ? `migration ${current.version} (${current.name})` : "reading the schema version";
    throw new Error(`SQLite ${which} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Null when the thread cannot start: the writer then checkpoints on its own, as without it. */
function startCheckpointThread(file: string, db: Database.Database): Checkpointer | null {
  const writerCheckpoints = (reason: string, error: Error) => {
    // The fallback threshold is far above the usual one: go back to the usual one (unless the
    // store has closed meanwhile).
    if (db.open) db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    log("warn", `the SQLite checkpoint thread ${reason}; the writer checkpoints on its own`, { error: error.message });
  };
  try {
    const checkpointer = startCheckpointer({
      file,
      everyMs: CHECKPOINT_THREAD_EVERY_MS,
      onError: (error) => writerCheckpoints("failed", error),
    });
    db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
    return checkpointer;
  } catch (error) {
    writerCheckpoints("could not start", error as Error);
    return null;
  }
}
