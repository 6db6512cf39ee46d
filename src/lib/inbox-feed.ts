/**
 * One list of the user's inbox (the bell panel, the /alerts page) as signals: pages loaded
 * newest first, live alerts put on top without a refetch, and read/archive changes applied
 * at once and undone if the server refuses.
 *
 * A plain `make*` function: it owns no Solid cleanup (call `dispose()`), so it is used and
 * tested without a component; `createInboxFeed` ties it to the realtime connection.
 *
 * Read state made elsewhere (another tab or device) reaches the browser only as a new unread
 * count. The feed acts on that count, not on a diff it cannot have:
 * - 0 unread: every loaded row is read; marked locally, no request.
 * - any other change not explained by an alert that just arrived, nor by this feed's own
 *   change (whose answer carries the count its echo will show): the loaded range is
 *   refetched (debounced, at most a few pages) and its read and archive state folded into
 *   the rows on screen, which keep their place.
 */
import { type Accessor, batch, createSignal } from "solid-js";
import type { Alert } from "~/shared/alert";
import { INBOX_PAGE_MAX, type InboxItem } from "~/shared/inbox";
import { type InboxApi, inboxApi, type InboxApiError, type InboxFilters, toInboxApiError } from "./inbox-api";
import {
  appendPage,
  insertBySeq,
  markReadUpTo,
  matchesFilters,
  mergeRefetched,
  replaceItem,
  staysInView,
  toInboxItem,
} from "./inbox-items";

export const DEFAULT_PAGE_SIZE = 30;
/** A rise in the unread count this soon after a live alert is that alert, not a change elsewhere. */
export const ARRIVAL_WINDOW_MS = 1500;
/** Bursts of count changes (mark all read in another tab) settle into one refetch. */
export const RESYNC_DELAY_MS = 300;
/** A refetch covers at most this many full pages; rows further down catch up on the next load. */
const RESYNC_MAX_PAGES = 5;
/** How long the count from one of our own changes is awaited as an echo on the socket. */
const OWN_ECHO_MS = 10_000;

export interface InboxFeedOptions {
  /** Read at every request; the feed does not watch it (call `refresh()` when it changes). */
  filters?: () => InboxFilters;
  pageSize?: number;
  api?: InboxApi;
  /**
   * Marks everything up to `upTo` read and says whether it worked. Default: POST read-all.
   * The app passes the realtime hook's, so the badge follows at once.
   */
  markAllRead?: (upTo: number | undefined) => Promise<boolean>;
  /** A change the user made was refused (already undone); show them the message. */
  onError?: (message: string) => void;
  now?: () => number;
}

export interface InboxFeed {
  items: Accessor<readonly InboxItem[]>;
  /** The first page (or a refresh) is on its way. */
  loading: Accessor<boolean>;
  loadingMore: Accessor<boolean>;
  /** Why the last load failed; cleared by the next attempt. Background refetches never set it. */
  error: Accessor<InboxApiError | null>;
  hasMore: Accessor<boolean>;
  /** A page has been received for the current filters (tells "empty" from "not asked yet"). */
  loaded: Accessor<boolean>;
  /** Loads the newest page again; rows of other filters are cleared first so they never flash. */
  refresh(): Promise<void>;
  /** Loads the next older page; does nothing while loading, at the end, or after an error. */
  loadMore(): Promise<void>;
  /** Repeats whatever failed: the first page or the next one. */
  retry(): Promise<void>;
  /** Marks one alert read (or unread); answers with the server's row, or null when refused. */
  markRead(id: string, read?: boolean): Promise<InboxItem | null>;
  archive(id: string, archived?: boolean): Promise<InboxItem | null>;
  markAllRead(): Promise<boolean>;
  /** A new alert reached this tab. */
  receive(alert: Alert): void;
  /** The server's unread count for the user, as the socket reports it. */
  unreadCountChanged(count: number): void;
  dispose(): void;
}

/**
 * @example
 * const feed = makeInboxFeed({ filters: () => ({ unread: true }) });
 * await feed.refresh();
 * feed.items(); // the 30 newest unread alerts
 */
export function makeInboxFeed(options: InboxFeedOptions = {}): InboxFeed {
  const api = options.api ?? inboxApi;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const filters: () => InboxFilters = options.filters ?? (() => ({}));
  const now = options.now ?? Date.now;
  const nowIso = () => new Date(now()).toISOString();

  const [items, setItems] = createSignal<readonly InboxItem[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<InboxApiError | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);

  // Bumped by every refresh and by dispose(): an answer for an older generation is dropped.
  let generation = 0;
  let controller: AbortController | null = null;
  let loadedFiltersKey: string | null = null;
  // Which load `retry()` repeats.
  let failedLoad: "first" | "more" = "first";
  // Alerts that arrived while the first page was on its way; put on top once it lands.
  let arrivedWhileLoading: Alert[] = [];
  let lastArrivalAt = Number.NEGATIVE_INFINITY;
  let lastCount: number | null = null;
  // Counts our own changes' answers reported, each expected once as an echo on the socket
  // (count → until when), so the echo is not taken for a change made elsewhere.
  const ownEchoes = new Map<number, number>();
  // Counts seen while one of our changes was on its way: whether they were ours, only its answer tells.
  let undecided: number[] = [];
  let changesInFlight = 0;
  let resyncTimer: ReturnType<typeof setTimeout> | null = null;

  const hasMore = () => loaded() && nextBefore() !== null;

  async function refresh(): Promise<void> {
    const thisGeneration = ++generation;
    controller?.abort();
    controller = new AbortController();
    const key = JSON.stringify(filters());
    batch(() => {
      if (key !== loadedFiltersKey) {
        setItems([]);
        setLoaded(false);
        setNextBefore(null);
      }
      setLoading(true);
      setLoadingMore(false);
      setError(null);
    });
    try {
      const page = await api.fetchPage({ ...filters(), limit: pageSize }, controller.signal);
      if (thisGeneration !== generation) return;
      loadedFiltersKey = key;
      batch(() => {
        setItems(page.items);
        setNextBefore(page.nextBefore);
        setLoaded(true);
        setLoading(false);
      });
      const arrived = arrivedWhileLoading;
      arrivedWhileLoading = [];
      for (const alert of arrived) receive(alert);
    } catch (failure) {
      if (thisGeneration !== generation) return;
      arrivedWhileLoading = [];
      failedLoad = "first";
      batch(() => {
        setError(toInboxApiError(failure));
        setLoading(false);
      });
    }
  }

  async function loadMore(): Promise<void> {
    const before = nextBefore();
    if (!loaded() || loading() || loadingMore() || error() || before === null) return;
    const thisGeneration = generation;
    setLoadingMore(true);
    try {
      const page = await api.fetchPage({ ...filters(), limit: pageSize, before }, controller?.signal);
      if (thisGeneration !== generation) return;
      batch(() => {
        setItems((current) => appendPage(current, page.items));
        setNextBefore(page.nextBefore);
        setLoadingMore(false);
      });
    } catch (failure) {
      if (thisGeneration !== generation) return;
      failedLoad = "more";
      batch(() => {
        setError(toInboxApiError(failure));
        setLoadingMore(false);
      });
    }
  }

  function receive(alert: Alert): void {
    lastArrivalAt = now();
    if (loading()) {
      arrivedWhileLoading.push(alert);
      return;
    }
    if (!loaded() || !matchesFilters(alert, filters())) return;
    setItems((current) => insertBySeq(current, toInboxItem(alert), nextBefore() !== null));
  }

  /** Runs one change against the server, with `optimistic` applied now and undone on failure. */
  async function change(
    id: string,
    body: { read?: boolean; archived?: boolean },
    optimistic: (item: InboxItem) => InboxItem,
  ): Promise<InboxItem | null> {
    const current = items().find((item) => item.id === id);
    if (current) {
      const next = optimistic(current);
      setItems((list) => (staysInView(next, filters()) ? replaceItem(list, next) : list.filter((item) => item.id !== id)));
    }
    changesInFlight++;
    try {
      const answer = await api.update(id, body);
      ownEchoes.set(answer.unreadCount, now() + OWN_ECHO_MS);
      undecided = undecided.filter((count) => !isOwnEcho(count));
      setItems((list) => replaceItem(list, answer.item));
      return answer.item;
    } catch (failure) {
      if (current) setItems((list) => (list.some((item) => item.id === id) ? replaceItem(list, current) : insertBySeq(list, current, false)));
      options.onError?.(toInboxApiError(failure).message);
      return null;
    } finally {
      changesInFlight--;
      // Counts no answer of ours explained were changes made elsewhere.
      if (changesInFlight === 0 && undecided.length > 0) {
        undecided = [];
        scheduleResync();
      }
    }
  }

  function markRead(id: string, read = true): Promise<InboxItem | null> {
    const current = items().find((item) => item.id === id);
    // Already so here (e.g. marked on click, then again by the detail view): no second request.
    if (current && (current.readAt !== null) === read) return Promise.resolve(current);
    return change(id, { read }, (item) => ({ ...item, readAt: read ? nowIso() : null }));
  }

  function archive(id: string, archived = true): Promise<InboxItem | null> {
    return change(id, { archived }, (item) => ({ ...item, archivedAt: archived ? nowIso() : null }));
  }

  async function markAllRead(): Promise<boolean> {
    const upTo = items()[0]?.seq;
    const done = options.markAllRead
      ? await options.markAllRead(upTo)
      : await api.markAllRead(upTo).then(
          () => true,
          (failure) => {
            options.onError?.(toInboxApiError(failure).message);
            return false;
          },
        );
    if (done) setItems((list) => markReadUpTo(list, nowIso(), upTo));
    return done;
  }

  function unreadCountChanged(count: number): void {
    const previous = lastCount;
    lastCount = count;
    if (previous === null || count === previous) return;
    if (count === 0) {
      setItems((list) => markReadUpTo(list, nowIso()));
      return;
    }
    if (count > previous && now() - lastArrivalAt < ARRIVAL_WINDOW_MS) return;
    if (isOwnEcho(count)) return;
    if (changesInFlight > 0) undecided.push(count);
    else scheduleResync();
  }

  /** Whether `count` is the awaited echo of one of our changes (each echo is used once). */
  function isOwnEcho(count: number): boolean {
    for (const [echo, until] of ownEchoes) if (until < now()) ownEchoes.delete(echo);
    return ownEchoes.delete(count);
  }

  function scheduleResync(): void {
    if (resyncTimer !== null) clearTimeout(resyncTimer);
    resyncTimer = setTimeout(() => {
      resyncTimer = null;
      void resync();
    }, RESYNC_DELAY_MS);
  }

  async function resync(): Promise<void> {
    // A change of ours is on its way: refetching now could undo its optimistic row; wait for it.
    if (changesInFlight > 0) return scheduleResync();
    if (!loaded() || loading() || items().length === 0) return;
    const thisGeneration = generation;
    const oldestLoaded = items().at(-1)!.seq;
    const limit = Math.min(INBOX_PAGE_MAX, Math.max(pageSize, items().length));
    const fetched: InboxItem[] = [];
    let ceiling: number | null = null;
    let before: number | undefined;
    try {
      for (let pages = 0; pages < RESYNC_MAX_PAGES; pages++) {
        const page = await api.fetchPage({ ...filters(), limit, before }, controller?.signal);
        if (thisGeneration !== generation) return;
        ceiling ??= page.cursor;
        fetched.push(...page.items);
        before = page.nextBefore ?? undefined;
        if (page.nextBefore === null || page.nextBefore <= oldestLoaded) break;
      }
    } catch (failure) {
      if (thisGeneration !== generation) return; // cancelled by a newer load
      // A background refetch failing leaves the rows as they were; the next change tries again.
      console.warn("[inbox] could not refresh read state", toInboxApiError(failure).code);
      return;
    }
    const floor = before === undefined ? 0 : (fetched.at(-1)?.seq ?? 0);
    setItems((list) =>
      mergeRefetched(list, { items: fetched, floor, ceiling: ceiling ?? 0 }, {
        unreadOnly: Boolean(filters().unread),
        hasMore: nextBefore() !== null,
        readAt: nowIso(),
      }),
    );
  }

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore,
    loaded,
    refresh,
    loadMore,
    retry() {
      if (failedLoad === "first" || !loaded()) return refresh();
      setError(null);
      return loadMore();
    },
    markRead,
    archive,
    markAllRead,
    receive,
    unreadCountChanged,
    dispose() {
      generation++;
      controller?.abort();
      if (resyncTimer !== null) clearTimeout(resyncTimer);
      resyncTimer = null;
    },
  };
}
