/**
 * Group commit for the embedded store: writes that arrive in the same turn of the event loop
 * share one transaction, so the per-commit cost (WAL append, and with synchronous=FULL an
 * fsync of ~0.4 ms or more here) is paid per batch rather than per alert.
 *
 * Writes that nobody waits on (delivery records) can ride along: `writeSoon` joins the next
 * batch, or commits on its own after LAZY_FLUSH_MS, so under load it adds no commit at all.
 *
 * Each write must still succeed or fail alone. Writes almost never fail, so the batch runs
 * optimistically in one transaction without per-write savepoints (they cost as much as the
 * write itself); if any write throws, the batch is rolled back and every write is run again in
 * a transaction of its own, so only the failing one fails.
 */
import type Database from "libsql";

const LAZY_FLUSH_MS = 20;

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `work` (synchronous SQL, safe to run twice after a rollback) in the next batch; resolves after that batch committed. */
  write<T>(work: () => T): Promise<T>;
  /** Like write, but it may wait up to LAZY_FLUSH_MS for other writes to share the commit. */
  writeSoon<T>(work: () => T): Promise<T>;
  /** Commits whatever is queued now (on close). */
  flush(): void;
}

export function createGroupCommit(db: Database.Database): GroupCommit {
  let queue: PendingWrite[] = [];
  let scheduled = false;
  let lazyTimer: ReturnType<typeof setTimeout> | null = null;

  function inTransaction<T>(work: () => T): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      const value = work();
      db.exec("COMMIT");
      return value;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  function flush(): void {
    scheduled = false;
    if (lazyTimer) clearTimeout(lazyTimer);
    lazyTimer = null;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let values: unknown[];
    try {
      values = inTransaction(() => batch.map((pending) => pending.work()));
    } catch {
      // Nothing of the batch was stored: run each write alone to find the one that fails.
      for (const pending of batch) {
        try {
          pending.resolve(inTransaction(pending.work));
        } catch (error) {
          pending.reject(error);
        }
      }
      return;
    }
    batch.forEach((pending, index) => pending.resolve(values[index]));
  }

  return {
    write<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    writeSoon<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled && !lazyTimer) lazyTimer = setTimeout(flush, LAZY_FLUSH_MS);
      });
    },
    flush,
  };
}
