import { createInboxFeed } from "~/hooks/createInboxFeed";
import { useAppShell } from "~/hooks/useAppShell";
import { InboxList } from "./InboxList";
import { InboxEmpty } from "./InboxStates";

/** The bell panel shows this many of the newest alerts; the rest are one click away on /alerts. */
export const PANEL_ITEMS = 10;

/**
 * What the bell opens: the newest alerts, "Mark all read", and the way to the full inbox.
 * Its feed lives only while the panel is open, so every opening shows fresh read state.
 */
export function InboxPanel(props: { onClose: () => void }) {
  const { realtime } = useAppShell();
  const feed = createInboxFeed({ live: realtime, pageSize: PANEL_ITEMS });
  const anythingUnread = () => realtime.unreadCount() > 0 || feed.items().some((item) => item.readAt === null);

  return (
    <div class="inbox-panel">
      <header class="inbox-panel__header">
        <h2 class="inbox-panel__title">Alerts</h2>
        <button
          type="button"
          class="button button--small button--ghost"
          disabled={!anythingUnread()}
          onClick={() => void feed.markAllRead()}
        >
          Mark all read
        </button>
      </header>
      <div class="inbox-panel__body">
        <InboxList
          feed={feed}
          label="Latest alerts"
          compact
          skeletonRows={4}
          itemHref={(item) => `/alerts/${encodeURIComponent(item.id)}`}
          onOpen={(item) => {
            void feed.markRead(item.id);
            props.onClose();
          }}
          empty={
            <InboxEmpty title="You're all caught up">
              <p>New alerts appear here the moment a service finds something.</p>
            </InboxEmpty>
          }
        />
      </div>
      <footer class="inbox-panel__footer">
        <a href="/alerts" class="inbox-panel__all" onClick={() => props.onClose()}>
          View all alerts
        </a>
      </footer>
    </div>
  );
}
