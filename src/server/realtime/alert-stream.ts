/**
 * One connection's view of its user's alert stream. It guarantees the socket gets every
 * stored alert after the client's cursor exactly once, in seq order, with no gap at the seam
 * between replay and live delivery:
 * - live alerts that arrive while the replay reads the store wait in a queue, then only the
 *   ones the replay did not already send go out;
 * - a live alert that skips a seq (its predecessor's bus message is late or was lost) makes
 *   the stream read the missing ones from the store first. That is always possible: the
 *   publisher stores before it publishes, and a user's seqs commit in order.
 */
import type { Alert } from "../../shared/alert";
import type { AlertFrame } from "../../shared/protocol";

export interface AlertStreamOptions {
  send(frame: string): void;
  /** The user's stored alerts with seq > after, oldest first. */
  readAfter(after: number, limit: number): Promise<Alert[]>;
  /** The store could not be read; the caller closes the socket so the client resumes later. */
  onReadError(error: unknown): void;
  pageSize?: number;
  /** Live alerts held while catching up; beyond this they are dropped and read back from the store. */
  maxQueued?: number;
}

export interface AlertStream {
  /** The seq of the last alert sent (or the starting cursor). */
  readonly cursor: number;
  /**
   * Sends `initial` (already-stored alerts, oldest first), then everything stored after
   * `from`, then goes live. Resolves with how many alerts came from the store.
   */
  begin(from: number, initial?: readonly Alert[]): Promise<number>;
  /** A live alert from the bus, its frame serialised once for all of the user's sockets. */
  offer(alert: Alert, frame: string): void;
  /** The socket closed: stop sending and drop anything queued. */
  close(): void;
}

interface Queued {
  alert: Alert;
  frame: string;
  /** How many store reads had started when it was queued. */
  queuedAfterReads: number;
}

export function createAlertStream(options: AlertStreamOptions): AlertStream {
  const pageSize = options.pageSize ?? 200;
  const maxQueued = options.maxQueued ?? 1000;
  let mode: "waiting" | "catching_up" | "live" | "closed" = "waiting";
  let lastSeq = 0;
  let queued: Queued[] = [];
  let overflowed = false;
  let fromStore = 0;
  let readsStarted = 0;

  // A function, not an inline check: close() can run during any await, which TypeScript's narrowing cannot see.
  const isClosed = () => mode === "closed";

  function sendStored(alert: Alert): void {
    const frame: AlertFrame = { type: "alert", alert, replayed: true };
    options.send(JSON.stringify(frame));
    lastSeq = Math.max(lastSeq, alert.seq);
    fromStore++;
  }

  function sendLive(alert: Alert, frame: string): void {
    options.send(frame);
    lastSeq = alert.seq;
  }

  /** Reads until the store has nothing newer than what was sent; returns false if closed meanwhile. */
  async function readStore(): Promise<boolean> {
    for (;;) {
      readsStarted++;
      const page = await options.readAfter(lastSeq, pageSize);
      if (isClosed()) return false;
      for (const alert of page) if (alert.seq > lastSeq) sendStored(alert);
      if (page.length < pageSize) return true;
      // A week's backlog is many pages: let other sockets and publishes run between them.
      await new Promise((resolve) => setImmediate(resolve));
      if (isClosed()) return false;
    }
  }

  async function catchUp(): Promise<void> {
    mode = "catching_up";
    try {
      for (;;) {
        if (!(await readStore())) return;
        const lastRead = readsStarted;
        const hadOverflow = overflowed;
        overflowed = false;
        const waiting = queued.sort((a, b) => a.alert.seq - b.alert.seq);
        queued = [];
        let gap = false;
        for (const entry of waiting) {
          if (entry.alert.seq <= lastSeq) continue;
          if (entry.alert.seq === lastSeq + 1) sendLive(entry.alert, entry.frame);
          // A read that began after this alert was stored still lacks the seqs before it:
          // they were never committed (cannot happen with our stores), so do not stall on them.
          else if (entry.queuedAfterReads < lastRead) sendLive(entry.alert, entry.frame);
          else gap = true;
        }
        if (!gap && !hadOverflow) {
          mode = "live";
          return;
        }
      }
    } catch (error) {
      if (isClosed()) return;
      mode = "closed";
      queued = [];
      options.onReadError(error);
    }
  }

  return {
    get cursor() {
      return lastSeq;
    },
    async begin(from, initial = []) {
      for (const alert of initial) sendStored(alert);
      lastSeq = from;
      await catchUp();
      return fromStore;
    },
    offer(alert, frame) {
      if (mode === "closed") return;
      if (mode !== "live") {
        if (queued.length < maxQueued) queued.push({ alert, frame, queuedAfterReads: readsStarted });
        else overflowed = true;
        return;
      }
      if (alert.seq <= lastSeq) return;
      if (alert.seq === lastSeq + 1) {
        sendLive(alert, frame);
        return;
      }
      queued.push({ alert, frame, queuedAfterReads: readsStarted });
      void catchUp();
    },
    close() {
      mode = "closed";
      queued = [];
    },
  };
}
