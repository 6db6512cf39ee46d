/**
 * What a new connection hears first: `hello` with the unread count and the user's newest
 * seq, then the catch-up from the store (everything after the client's cursor, or the unread
 * ones on a first connection), then `synced`. Live alerts that arrive meanwhile wait in the
 * connection's stream, so nothing published during the replay is lost or doubled.
 */
import type { HelloFrame, ServerFrame } from "../../shared/protocol";
import type { AlertStore } from "../store/types";
import type { AlertStream } from "./alert-stream";

/** A first connection is sent at most this many unread alerts; the inbox API pages through the rest. */
export const FIRST_CONNECTION_UNREAD_LIMIT = 100;

export async function greetAndCatchUp(options: {
  store: Pick<AlertStore, "unreadState" | "readUnread">;
  stream: AlertStream;
  userId: string;
  /** The client's cursor, or null on a first connection. */
  after: number | null;
  send: (frame: ServerFrame) => void;
  now?: () => Date;
  /** Settles when the stream may replay (the user's preferences are loaded, for `silent`); read in parallel with the count. */
  ready?: Promise<unknown>;
}): Promise<void> {
  const { store, stream, userId, after, send } = options;
  const [state] = await Promise.all([store.unreadState(userId), options.ready]);
  const hello: HelloFrame = {
    type: "hello",
    serverTime: (options.now?.() ?? new Date()).toISOString(),
    unreadCount: state.unreadCount,
    cursor: state.cursor,
    userId,
  };
  send(hello);
  let replayed: number;
  if (after === null) {
    const unread = await store.readUnread(userId, state.cursor, FIRST_CONNECTION_UNREAD_LIMIT);
    replayed = await stream.begin(state.cursor, unread);
  } else {
    // A cursor beyond the user's newest seq means the store was reset: start from what it has.
    replayed = await stream.begin(Math.min(after, state.cursor));
  }
  send({ type: "synced", replayed, cursor: stream.cursor });
}
