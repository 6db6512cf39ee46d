/**
 * Each user's newest seq as this connection last wrote it, so that storing an alert need not
 * look it up first. The lookup was the third-largest statement of a publish (8.4 µs of about
 * 50 µs of store work per alert, with its row object and N-API crossing).
 *
 * What is remembered is only true while nobody else writes alerts, so the store checks before
 * every write transaction (`PRAGMA data_version`, which changes when another connection, such as
 * a second server on the same file, has committed) and forgets everything when it changed, or
 * when a transaction of its own rolled back (its seqs were never stored).
 *
 * Bounded: the users written to longest ago are forgotten first, and then looked up again.
 */
export interface SeqCache {
  /** The user's newest seq, if remembered. */
  get(userId: string): number | undefined;
  set(userId: string, seq: number): void;
  /** Forget everything: called when another connection wrote, or after a rollback. */
  clear(): void;
  readonly size: number;
}

/** About 70 bytes per user: 50,000 users is about 3.5 MB at most. */
export const SEQ_CACHE_USERS = 50_000;

export function createSeqCache(maxUsers: number = SEQ_CACHE_USERS): SeqCache {
  // A Map iterates in insertion order: deleting before setting keeps the oldest write first.
  const seqs = new Map<string, number>();
  return {
    get: (userId) => seqs.get(userId),
    set(userId, seq) {
      seqs.delete(userId);
      seqs.set(userId, seq);
      if (seqs.size > maxUsers) seqs.delete(seqs.keys().next().value!);
    },
    clear: () => seqs.clear(),
    get size() {
      return seqs.size;
    },
  };
}
