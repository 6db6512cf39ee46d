/**
 * Group commit for the embedded store: writes that arrive in the same turn of the event loop
 * share one transaction, so the per-commit cost (WAL append, and with synchronous=FULL an
 * fsync of ~0.4 ms or more here) is paid per batch rather than per alert.
 *
 * Under sustained traffic one turn of the event loop rarely holds more than one write (at
 * 2,000 HTTP publishes/s requests arrive one at a time), so a batch would be a single alert and
 * BEGIN/COMMIT was the largest item in a publish's CPU profile. So when the previous commit was
 * recent, the next batch waits COALESCE_MS for company; an idle server still commits at once.
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
/** A commit this recent means writes are streaming in: gather the next batch for COALESCE_MS. */
const BUSY_GAP_MS = 10;
const COALESCE_MS = 2;
/**
 * A batch this large commits without waiting out the window. Producers that wait for their
 * answer (a keep-alive pool, each connection with one publish in flight) cannot send more
 * until it commits, so a window waited out in full caps their rate. `pnpm bench
 * --store-batches` (32 such producers on the store alone, three alternating pairs): at 256,
 * 7,400–8,100 alerts/s with the event loop half idle and inserts waiting 3.8 ms (p50); at 16,
 * 14,500–15,800/s with the loop saturated, 1.6–1.7 ms, and the same CPU per alert (64–71 µs
 * against 64–73). 8, 12, 24 and 32 measured within the same range as 16.
 */
export const FULL_BATCH = 16;

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

export interface GroupCommitOptions {
  clock?: () => number;
  /** See FULL_BATCH. */
  fullBatch?: number;
  /** Runs first in every transaction, before its writes (with the write lock held). */
  onBegin?: () => void;
  /** A transaction was rolled back: nothing it wrote happened. */
  onRollback?: () => void;
}

export function createGroupCommit(db: Database.Database, options: GroupCommitOptions = {}): GroupCommit {
  const { clock = () => performance.now(), fullBatch = FULL_BATCH, onBegin, onRollback } = options;
  let queue: PendingWrite[] = [];
  let scheduled = false;
  let lazyTimer: ReturnType<typeof setTimeout> | null = null;
  let coalesceTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCommitAt = Number.NEGATIVE_INFINITY;

  function inTransaction<T>(work: () => T): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      onBegin?.();
      const value = work();
      db.exec("COMMIT");
      return value;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      onRollback?.();
      throw error;
    }
  }

  function flush(): void {
    scheduled = false;
    if (lazyTimer) clearTimeout(lazyTimer);
    if (coalesceTimer) clearTimeout(coalesceTimer);
    lazyTimer = coalesceTimer = null;
    lastCommitAt = clock();
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
          if (clock() - lastCommitAt < BUSY_GAP_MS) coalesceTimer = setTimeout(flush, COALESCE_MS);
          else setImmediate(flush);
        } else if (coalesceTimer && queue.length >= fullBatch) {
          clearTimeout(coalesceTimer);
          coalesceTimer = null;
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
