/**
 * userId → open connections, for this process only. Fan-out reads one user's set
 * (not every socket, which is what crossws topics would walk on each publish).
 */
import type { Connection, SocketLike } from "./connection";

/** A user's socket opened or closed here; `sockets` is how many that user now has in this process. */
export type RegistryChangeListener = (connection: Connection, change: "opened" | "closed", sockets: number) => void;

export class PeerRegistry {
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #bySocketId = new Map<string, Connection>();
  readonly #listeners = new Set<RegistryChangeListener>();

  /** Presence, metrics and the dashboard watch sockets come and go; returns the unsubscribe function. */
  onChange(listener: RegistryChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(connection: Connection, change: "opened" | "closed", sockets: number): void {
    for (const listener of this.#listeners) {
      try {
        listener(connection, change, sockets);
      } catch {
        // An observer's bug must not leave the registry half-updated for the caller.
      }
    }
  }

  add(connection: Connection): void {
    this.#bySocketId.set(connection.socket.id, connection);
    let set = this.#byUser.get(connection.userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(connection.userId, set);
    }
    set.add(connection);
    this.#notify(connection, "opened", set.size);
  }

  /** Idempotent: close and error can both fire for one socket. */
  remove(socket: Pick<SocketLike, "id">): Connection | undefined {
    const connection = this.#bySocketId.get(socket.id);
    if (!connection) return undefined;
    this.#bySocketId.delete(socket.id);
    connection.stream.close();
    const set = this.#byUser.get(connection.userId);
    if (set) {
      set.delete(connection);
      // Drop empty sets so a million one-off users do not leave a million empty entries.
      if (set.size === 0) this.#byUser.delete(connection.userId);
    }
    this.#notify(connection, "closed", set?.size ?? 0);
    return connection;
  }

  get(socketId: string): Connection | undefined {
    return this.#bySocketId.get(socketId);
  }

  connectionsOf(userId: string): ReadonlySet<Connection> | undefined {
    return this.#byUser.get(userId);
  }

  countFor(userId: string): number {
    return this.#byUser.get(userId)?.size ?? 0;
  }

  /** Send one already-serialised frame to every socket of a user; returns how many got it. */
  sendToUser(userId: string, frame: string): number {
    const set = this.#byUser.get(userId);
    if (!set) return 0;
    let sent = 0;
    for (const connection of set) {
      try {
        connection.socket.send(frame);
        sent++;
      } catch {
        // A socket that died between close and our cleanup; its close hook removes it.
      }
    }
    return sent;
  }

  all(): IterableIterator<Connection> {
    return this.#bySocketId.values();
  }

  get size(): number {
    return this.#bySocketId.size;
  }

  get userCount(): number {
    return this.#byUser.size;
  }
}
