import { useLocation, useMatch, useSearchParams } from "@solidjs/router";
import { createMemo, type JSX, Match, Switch } from "solid-js";
import { createInboxFeed } from "~/hooks/createInboxFeed";
import { useAppShell } from "~/hooks/useAppShell";
import { InboxFeedContext } from "~/hooks/useInboxFeedContext";
import { filtersFromQuery, queryFromFilters } from "~/lib/inbox-filters";
import { InboxFilters } from "./InboxFilters";
import { InboxList } from "./InboxList";
import { InboxEmpty } from "./InboxStates";

/**
 * The full inbox at /alerts: filters (kept in the URL), every alert with infinite scroll, and
 * beside it the open alert's detail (the child route, `children`). On narrow screens the
 * detail takes the place of the list.
 */
export function InboxPage(props: { children?: JSX.Element }) {
  const { realtime } = useAppShell();
  const location = useLocation();
  const [query, setQuery] = useSearchParams();
  const filters = createMemo(() => filtersFromQuery(query));
  const feed = createInboxFeed({ live: realtime, filters });
  const openMatch = useMatch(() => "/alerts/:id");
  const openId = () => openMatch()?.params.id;
  const anythingUnread = () => realtime.unreadCount() > 0 || feed.items().some((item) => item.readAt === null);

  return (
    <InboxFeedContext.Provider value={feed}>
      <main class="inbox-page" data-detail={openId() ? "open" : "closed"}>
        <section class="inbox-page__list" aria-labelledby="inbox-heading">
          <header class="inbox-page__header">
            <h1 id="inbox-heading">Inbox</h1>
            <span class="inbox-page__count" data-testid="inbox-unread-count">
              {realtime.unreadCount()} unread
            </span>
            <button type="button" class="button button--small" disabled={!anythingUnread()} onClick={() => void feed.markAllRead()}>
              Mark all read
            </button>
          </header>
          <InboxFilters filters={filters()} onChange={(next) => setQuery(queryFromFilters(next))} />
          <InboxList
            feed={feed}
            label="Alerts"
            actions
            infinite
            selectedId={openId()}
            itemHref={(item) => `/alerts/${encodeURIComponent(item.id)}${location.search}`}
            onOpen={(item) => void feed.markRead(item.id)}
            empty={<EmptyInbox archived={Boolean(filters().archived)} narrowed={Boolean(filters().service || filters().severity)} onClear={() => setQuery(queryFromFilters({ archived: filters().archived }))} />}
          />
        </section>
        <section class="inbox-page__detail" aria-label="Alert details">
          {props.children}
        </section>
      </main>
    </InboxFeedContext.Provider>
  );
}

function EmptyInbox(props: { archived: boolean; narrowed: boolean; onClear: () => void }) {
  return (
    <Switch>
      <Match when={props.narrowed}>
        <InboxEmpty title="No alerts match these filters">
          <button type="button" class="button button--small" onClick={() => props.onClear()}>
            Clear filters
          </button>
        </InboxEmpty>
      </Match>
      <Match when={props.archived}>
        <InboxEmpty title="Nothing archived">
          <p>Alerts you archive are kept here.</p>
        </InboxEmpty>
      </Match>
      <Match when={true}>
        <InboxEmpty title="You're all caught up">
          <p>New alerts appear here the moment a service finds something.</p>
        </InboxEmpty>
      </Match>
    </Switch>
  );
}
