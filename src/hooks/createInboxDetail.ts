/**
 * One alert's detail (GET /api/inbox/:id) for the detail view, reloaded when the id changes.
 * Plain signals rather than a resource: reading a loading resource would suspend the app's
 * root <Suspense> and blank the whole page, navbar included.
 *
 * While the delivery ladder is still working on the alert (`escalation` is not null) the
 * detail is read again every few seconds, and just after the pending step's time is up, so the
 * delivery record grows on screen as push and email go out or a device acknowledges. It stops
 * once the ladder is done, and waits while the tab is hidden.
 */
import { type Accessor, batch, createEffect, createSignal, on, onCleanup } from "solid-js";
import { isServer } from "solid-js/web";
import { fetchInboxDetail, type InboxApiError, toInboxApiError } from "~/lib/inbox-api";
import type { InboxDetail, InboxItem } from "~/shared/inbox";

export interface InboxDetailState {
  detail: Accessor<InboxDetail | null>;
  loading: Accessor<boolean>;
  error: Accessor<InboxApiError | null>;
  reload(): void;
  /** Takes the read/archive state the server answered a change with. */
  update(item: InboxItem): void;
}

/** How often a detail whose ladder is still working is read again. */
const REFRESH_MS = 3000;
const MIN_REFRESH_MS = 500;
/** Read this long after a step's time is up, when the worker has had time to take it. */
const DUE_SLACK_MS = 400;

/** @example const state = createInboxDetail(() => params.id); <h2>{state.detail()?.title}</h2> */
export function createInboxDetail(id: Accessor<string>): InboxDetailState {
  const [detail, setDetail] = createSignal<InboxDetail | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<InboxApiError | null>(null);
  let controller: AbortController | null = null;
  let refresh: ReturnType<typeof setTimeout> | null = null;

  function stopRefreshing(): void {
    if (refresh) clearTimeout(refresh);
    refresh = null;
  }

  function scheduleRefresh(delayMs: number): void {
    stopRefreshing();
    refresh = setTimeout(() => {
      refresh = null;
      // A hidden tab reads it when it is shown again (onVisible).
      if (document.visibilityState !== "hidden") void load(true);
    }, delayMs);
  }

  /** Reads the detail again while the ladder has steps left: every few seconds, and just after the step is due. */
  function refreshWhilePending(item: InboxDetail): void {
    stopRefreshing();
    if (!item.escalation || isServer) return;
    const untilDue = Date.parse(item.escalation.dueAt) - Date.now() + DUE_SLACK_MS;
    scheduleRefresh(Math.min(REFRESH_MS, Math.max(MIN_REFRESH_MS, untilDue)));
  }

  function onVisible(): void {
    if (document.visibilityState === "visible" && detail()?.escalation && !refresh && !controller) void load(true);
  }

  /** `background`: a refresh of what is shown; it shows no loading state, and a failure keeps the detail and tries again later. */
  async function load(background = false): Promise<void> {
    controller?.abort();
    stopRefreshing();
    const mine = (controller = new AbortController());
    const wanted = id();
    batch(() => {
      if (!background) {
        setLoading(true);
        setError(null);
      }
      if (detail()?.id !== wanted) setDetail(null);
    });
    try {
      const item = await fetchInboxDetail(wanted, mine.signal);
      if (mine !== controller) return;
      controller = null;
      batch(() => {
        setDetail(item);
        setError(null);
        setLoading(false);
      });
      refreshWhilePending(item);
    } catch (failure) {
      if (mine !== controller) return;
      controller = null;
      if (background && detail()?.id === wanted) {
        scheduleRefresh(REFRESH_MS);
        return;
      }
      batch(() => {
        setError(toInboxApiError(failure));
        setLoading(false);
      });
    }
  }

  createEffect(on(id, () => void load()));
  if (!isServer) document.addEventListener("visibilitychange", onVisible);
  onCleanup(() => {
    controller?.abort();
    controller = null;
    stopRefreshing();
    if (!isServer) document.removeEventListener("visibilitychange", onVisible);
  });

  return {
    detail,
    loading,
    error,
    reload: () => void load(),
    update(item) {
      setDetail((current) => (current && current.id === item.id ? { ...current, readAt: item.readAt, archivedAt: item.archivedAt } : current));
    },
  };
}
