/**
 * The signed-in user's inbox over the store: list, detail, read/archive, mark all read.
 * Every change to read state goes out on the bus as the fresh unread count, so all of the
 * user's tabs, on every server and device, show the same badge.
 */
import type { InboxChange, InboxDetail, InboxItem, InboxPage, InboxQuery, PendingEscalation, UnreadState } from "../../shared/inbox";
import type { AlertBus } from "../bus/types";
import { createError, isBeaconError } from "../errors";
import type { Escalation } from "../ladder/escalation-store";
import type { AlertStore } from "../store/types";

export interface Inbox {
  unreadState(userId: string): Promise<UnreadState>;
  list(userId: string, query: InboxQuery): Promise<InboxPage>;
  /** 404 when the alert is not this user's (or no longer exists). */
  get(userId: string, alertId: string): Promise<InboxDetail>;
  update(userId: string, alertId: string, change: InboxChange): Promise<UnreadState & { item: InboxItem }>;
  markAllRead(userId: string, upTo?: number): Promise<UnreadState & { marked: number }>;
}

export interface InboxDeps {
  store: AlertStore;
  bus: AlertBus;
  /** The ladder's state for an alert (EscalationStore.get); without it, details show no pending step. */
  escalationOf?: (alertId: string) => Promise<Pick<Escalation, "step" | "dueAt"> | null>;
  now?: () => Date;
}

export function createInbox(deps: InboxDeps): Inbox {
  const { store, bus } = deps;
  const now = deps.now ?? (() => new Date());

  async function announce(userId: string): Promise<UnreadState> {
    const state = await store.unreadState(userId);
    bus.publish({ type: "unread", userId, state });
    return state;
  }

  return {
    unreadState: (userId) => fromStore(() => store.unreadState(userId)),
    list: (userId, query) =>
      fromStore(async () => {
        // The state first: a count that is older than the page can only be corrected by frames that follow.
        const state = await store.unreadState(userId);
        const items = await store.list(userId, query);
        const nextBefore = items.length === query.limit ? items[items.length - 1]!.seq : null;
        return { ...state, items, nextBefore };
      }),
    get: (userId, alertId) =>
      fromStore(async () => {
        const detail = await store.get(userId, alertId);
        if (!detail) throw notFound();
        return { ...detail, escalation: pending(await deps.escalationOf?.(alertId)) };
      }),
    update: (userId, alertId, change) =>
      fromStore(async () => {
        const item = await store.update(userId, alertId, { ...change, at: now() });
        if (!item) throw notFound();
        return { item, ...(await announce(userId)) };
      }),
    markAllRead: (userId, upTo) =>
      fromStore(async () => {
        const marked = await store.markAllRead(userId, upTo, now());
        return { marked, ...(await announce(userId)) };
      }),
  };
}

function pending(escalation: Pick<Escalation, "step" | "dueAt"> | null | undefined): PendingEscalation | null {
  if (!escalation || escalation.step === "done") return null;
  return { step: escalation.step, dueAt: new Date(escalation.dueAt).toISOString() };
}

function notFound() {
  // The same answer whether the alert is someone else's or does not exist: ids reveal nothing.
  return createError(404, "not_found", "no such alert in your inbox");
}

/** A store that cannot answer is a 503 the client may retry, not a 500. */
async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBeaconError(error)) throw error;
    throw createError(503, "store_unavailable", "the alert store is not reachable; retry shortly", {
      headers: { "retry-after": "2" },
      cause: error,
    });
  }
}
