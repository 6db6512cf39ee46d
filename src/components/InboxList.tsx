import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { createInfiniteScroll } from "~/hooks/createInfiniteScroll";
import type { InboxFeed } from "~/lib/inbox-feed";
import type { InboxItem } from "~/shared/inbox";
import { InboxRow } from "./InboxRow";
import { InboxError, InboxSkeleton } from "./InboxStates";

export interface InboxListProps {
  feed: InboxFeed;
  /** Names the list for screen readers ("Latest alerts"). */
  label: string;
  /** Shown once a page came back with nothing in it. */
  empty: JSX.Element;
  itemHref: (item: InboxItem) => string;
  onOpen?: (item: InboxItem) => void;
  selectedId?: string;
  compact?: boolean;
  skeletonRows?: number;
  /** Row buttons for read/unread and archive (the full page). */
  actions?: boolean;
  /** Loads older pages as the end scrolls into view, with a "Load more" button as the fallback. */
  infinite?: boolean;
}

/** A feed's rows with its loading, empty, error and "more" states; one place for all of them. */
export function InboxList(props: InboxListProps) {
  const feed = () => props.feed;
  const hasRows = () => feed().items().length > 0;
  const [sentinel, setSentinel] = createSignal<HTMLElement>();
  // Rows are keyed by id, not by object: marking an alert read replaces its object, and a
  // row re-created for that would drop the keyboard focus from the button just pressed.
  const ids = createMemo(() => feed().items().map((item) => item.id));
  const byId = createMemo(() => new Map(feed().items().map((item) => [item.id, item])));

  createInfiniteScroll({
    sentinel,
    enabled: () => Boolean(props.infinite) && feed().hasMore() && !feed().loadingMore() && !feed().error(),
    onReachEnd: () => void feed().loadMore(),
  });

  return (
    <div class="inbox-list" aria-busy={feed().loading() || feed().loadingMore() ? "true" : "false"}>
      <Switch>
        <Match when={!hasRows() && feed().error()}>{(error) => <InboxError error={error()} onRetry={() => void feed().retry()} />}</Match>
        <Match when={!hasRows() && (feed().loading() || !feed().loaded())}>
          <InboxSkeleton rows={props.skeletonRows} compact={props.compact} />
        </Match>
        <Match when={!hasRows()}>{props.empty}</Match>
      </Switch>

      <Show when={hasRows()}>
        <ul class="inbox-list__items" aria-label={props.label} data-testid="inbox-list">
          <For each={ids()}>
            {(id) => (
              <Show when={byId().get(id)}>
                {(item) => (
                  <InboxRow
                    item={item()}
                    href={props.itemHref(item())}
                    onOpen={props.onOpen}
                    compact={props.compact}
                    selected={id === props.selectedId}
                    onToggleRead={props.actions ? (row) => void feed().markRead(row.id, row.readAt === null) : undefined}
                    onToggleArchive={props.actions ? (row) => void feed().archive(row.id, row.archivedAt === null) : undefined}
                  />
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>

      <Show when={props.infinite && hasRows()}>
        <div class="inbox-list__footer">
          <Show when={feed().loadingMore()}>
            <InboxSkeleton rows={2} />
          </Show>
          <Show when={feed().error()}>{(error) => <InboxError inline error={error()} onRetry={() => void feed().retry()} />}</Show>
          <Show when={feed().hasMore()}>
            <div ref={setSentinel} class="inbox-list__sentinel" aria-hidden="true" />
            <Show when={!feed().loadingMore() && !feed().error()}>
              <button type="button" class="button" onClick={() => void feed().loadMore()}>
                Load more
              </button>
            </Show>
          </Show>
          <Show when={feed().loaded() && !feed().hasMore() && !feed().error()}>
            <p class="inbox-list__end">That's every alert here.</p>
          </Show>
        </div>
      </Show>
    </div>
  );
}
