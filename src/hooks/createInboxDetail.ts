/**
 * One alert's detail (GET /api/inbox/:id) for the detail view, reloaded when the id changes.
 * Plain signals rather than a resource: reading a loading resource would suspend the app's
 * root <Suspense> and blank the whole page, navbar included.
 */
import { type Accessor, batch, createEffect, createSignal, on, onCleanup } from "solid-js";
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

/** @example const state = createInboxDetail(() => params.id); <h2>{state.detail()?.title}</h2> */
export function createInboxDetail(id: Accessor<string>): InboxDetailState {
  const [detail, setDetail] = createSignal<InboxDetail | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<InboxApiError | null>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    controller?.abort();
    const mine = (controller = new AbortController());
    const wanted = id();
    batch(() => {
      setLoading(true);
      setError(null);
      if (detail()?.id !== wanted) setDetail(null);
    });
    try {
      const item = await fetchInboxDetail(wanted, mine.signal);
      if (mine !== controller) return;
      batch(() => {
        setDetail(item);
        setLoading(false);
      });
    } catch (failure) {
      if (mine !== controller) return;
      batch(() => {
        setError(toInboxApiError(failure));
        setLoading(false);
      });
    }
  }

  createEffect(on(id, () => void load()));
  onCleanup(() => {
    controller?.abort();
    controller = null;
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
