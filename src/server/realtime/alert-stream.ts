/**
 * One connection's view of its user's alert stream. It guarantees the socket gets every
 * stored alert after the client's cursor exactly once, in seq order, with no gap at the seam
 * between replay and live delivery:
 * - live alerts that arrive while the replay reads the store wait in a queue, then only the
 *   ones the replay did not already send go out;
 * - a live alert that skips a seq (its predecessor's bus message is late or was lost) makes
 *   the stream read the missing ones from the store first. That is always possible: the
 *   publisher stores before it publishes, and a user's seqs commit in order.
 *
 * It also keeps what waits in memory for a client that does not read bounded. While more than
 * `maxBacklogBytes` sit unsent in the socket's buffer, the stream writes nothing more: a
 * replay waits between pages, and a live alert is left in the store and read back once the
 * client has caught up (the same path as a gap). A client that does not drain within
 * `drainTimeoutMs` is given up on (`onSlowConsumer`). Without this, a client that stops reading
 * while a replay of a long backlog runs would make the server hold the whole backlog in memory.
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
  /**
   * Whether an alert read back from the store goes out `silent` (the user's policy says no
   * toast). Live frames carry the flag the publisher gave them; replays ask this.
   */
  isSilent?: (alert: Alert) => boolean;
  /** Bytes written to the socket that the client has not taken yet. Without it, no limit applies. */
  backlogBytes?: () => number;
  /** Past this backlog the stream stops writing until it drains. */
  maxBacklogBytes?: number;
  /** How long the backlog may stay over the limit before `onSlowConsumer`. */
  drainTimeoutMs?: number;
  /** The client did not drain in time: the stream has closed itself; close the socket. */
  onSlowConsumer?: () => void;
}

/** How often a stream waiting for its socket to drain looks again. */
const DRAIN_POLL_MS = 20;

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
  /**
   * Messages for this user may have been lost on the way here (the bus recovered from an
   * outage): read the store after the cursor and send what is missing, each once.
   */
  resync(): void;
  /** The socket closed: stop sending and drop anything queued. */
  close(): void;
}

interface Queued {
  alert: Alert;
  frame: string;
  /** How many store reads had started when it was queued. */
  queuedAfterReads: number;
}

type Mode = "waiting" | "catching_up" | "live" | "closed";

/**
 * A class rather than a closure: there is one per open socket, and the methods then live once
 * on the prototype instead of once per connection.
 */
class ConnectionAlertStream implements AlertStream {
  readonly #options: AlertStreamOptions;
  #mode: Mode = "waiting";
  #lastSeq = 0;
  #queued: Queued[] = [];
  #overflowed = false;
  #fromStore = 0;
  #readsStarted = 0;

  constructor(options: AlertStreamOptions) {
    this.#options = options;
  }

  get cursor(): number {
    return this.#lastSeq;
  }

  async begin(from: number, initial: readonly Alert[] = []): Promise<number> {
    // The socket may have closed while the greeting read the store.
    if (this.#isClosed()) return 0;
    for (const alert of initial) this.#sendStored(alert);
    this.#lastSeq = from;
    await this.#catchUp();
    return this.#fromStore;
  }

  offer(alert: Alert, frame: string): void {
    if (this.#mode === "closed") return;
    if (this.#mode !== "live") {
      if (this.#queued.length < (this.#options.maxQueued ?? 1000)) this.#queue(alert, frame);
      else this.#overflowed = true;
      return;
    }
    if (alert.seq <= this.#lastSeq) return;
    if (alert.seq === this.#lastSeq + 1 && !this.#overBacklog()) {
      this.#sendLive(alert, frame);
      return;
    }
    this.#queue(alert, frame);
    void this.#catchUp();
  }

  resync(): void {
    if (this.#mode === "live") void this.#catchUp();
    // Mid catch-up, a read may have started before the lost alert was stored: read once more.
    else if (this.#mode === "catching_up") this.#overflowed = true;
  }

  close(): void {
    this.#mode = "closed";
    this.#queued = [];
  }

  // A method, not an inline check: close() can run during any await, which TypeScript's narrowing cannot see.
  #isClosed(): boolean {
    return this.#mode === "closed";
  }

  #overBacklog(): boolean {
    const { backlogBytes, maxBacklogBytes } = this.#options;
    return backlogBytes !== undefined && maxBacklogBytes !== undefined && backlogBytes() > maxBacklogBytes;
  }

  /**
   * Resolves true once the socket's backlog is under the limit (at once when it is), false if
   * the stream closed meanwhile or gave up on the client.
   */
  async #drained(): Promise<boolean> {
    if (!this.#overBacklog()) return true;
    const deadline = performance.now() + (this.#options.drainTimeoutMs ?? 30_000);
    while (this.#overBacklog()) {
      if (performance.now() >= deadline) {
        this.close();
        this.#options.onSlowConsumer?.();
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      if (this.#isClosed()) return false;
    }
    return true;
  }

  #queue(alert: Alert, frame: string): void {
    this.#queued.push({ alert, frame, queuedAfterReads: this.#readsStarted });
  }

  #sendStored(alert: Alert): void {
    const frame: AlertFrame = this.#options.isSilent?.(alert)
      ? { type: "alert", alert, replayed: true, silent: true }
      : { type: "alert", alert, replayed: true };
    this.#options.send(JSON.stringify(frame));
    this.#lastSeq = Math.max(this.#lastSeq, alert.seq);
    this.#fromStore++;
  }

  #sendLive(alert: Alert, frame: string): void {
    this.#options.send(frame);
    this.#lastSeq = alert.seq;
  }

  /** Reads until the store has nothing newer than what was sent; returns false if closed meanwhile. */
  async #readStore(): Promise<boolean> {
    const pageSize = this.#options.pageSize ?? 200;
    for (;;) {
      if (!(await this.#drained())) return false;
      this.#readsStarted++;
      const page = await this.#options.readAfter(this.#lastSeq, pageSize);
      if (this.#isClosed()) return false;
      for (const alert of page) if (alert.seq > this.#lastSeq) this.#sendStored(alert);
      if (page.length < pageSize) return true;
      // A week's backlog is many pages: let other sockets and publishes run between them.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#isClosed()) return false;
    }
  }

  async #catchUp(): Promise<void> {
    if (this.#isClosed()) return;
    this.#mode = "catching_up";
    try {
      for (;;) {
        if (!(await this.#readStore())) return;
        const lastRead = this.#readsStarted;
        const hadOverflow = this.#overflowed;
        this.#overflowed = false;
        const waiting = this.#queued.sort((a, b) => a.alert.seq - b.alert.seq);
        this.#queued = [];
        let gap = false;
        for (const entry of waiting) {
          if (entry.alert.seq <= this.#lastSeq) continue;
          if (entry.alert.seq === this.#lastSeq + 1) this.#sendLive(entry.alert, entry.frame);
          // A read that began after this alert was stored still lacks the seqs before it:
          // they were never committed (cannot happen with our stores), so do not stall on them.
          else if (entry.queuedAfterReads < lastRead) this.#sendLive(entry.alert, entry.frame);
          else gap = true;
        }
        if (!gap && !hadOverflow) {
          this.#mode = "live";
          return;
        }
      }
    } catch (error) {
      if (this.#isClosed()) return;
      this.close();
      this.#options.onReadError(error);
    }
  }
}

export function createAlertStream(options: AlertStreamOptions): AlertStream {
  return new ConnectionAlertStream(options);
}
