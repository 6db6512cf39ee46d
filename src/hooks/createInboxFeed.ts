/**
 * An inbox feed (src/lib/inbox-feed.ts) tied to a component and to the realtime connection:
 * loads when mounted and again when the filters change, takes live alerts and unread counts
 * from the socket, and stops its requests and timers on cleanup.
 */
import { type Accessor, createEffect, on, onCleanup, untrack } from "solid-js";
import { toast } from "solid-toast";
import type { InboxFilters } from "~/lib/inbox-api";
import { type InboxFeed, makeInboxFeed } from "~/lib/inbox-feed";
import type { Alert } from "~/shared/alert";

/** The part of the realtime connection a feed follows (`RealtimeAlerts` has it). */
export interface InboxLiveSource {
  alerts: Accessor<readonly Alert[]>;
  unreadCount: Accessor<number>;
  markAllRead?(upTo?: number): Promise<boolean>;
}

export interface CreateInboxFeedOptions {
  live?: InboxLiveSource;
  filters?: Accessor<InboxFilters>;
  pageSize?: number;
}

/**
 * @example
 * const { realtime } = useAppShell();
 * const feed = createInboxFeed({ live: realtime, pageSize: 10 });
 * <For each={feed.items()}>{(item) => <InboxRow item={item} />}</For>
 */
export function createInboxFeed(options: CreateInboxFeedOptions = {}): InboxFeed {
  const filters = options.filters ?? (() => ({}));
  const live = options.live;
  const feed = makeInboxFeed({
    filters: () => untrack(filters),
    pageSize: options.pageSize,
    markAllRead: live?.markAllRead ? (upTo) => live.markAllRead!(upTo) : undefined,
    onError: (message) => toast.error(message),
  });

  // Compared by value: a new object with the same filters (a re-read of the URL) is no reason to reload.
  createEffect(on(() => JSON.stringify(filters()), () => void feed.refresh()));

  if (live) {
    // Alerts this tab had before the feed existed are in its first page, or were archived since:
    // only the ones that arrive from now on are "live" for it.
    let known = new Set(untrack(live.alerts).map((alert) => alert.id));
    createEffect(
      on(
        live.alerts,
        (alerts) => {
          for (const alert of [...alerts].reverse()) if (!known.has(alert.id)) feed.receive(alert);
          // The socket never delivers an id twice, so remembering the ids it still lists is enough.
          known = new Set(alerts.map((alert) => alert.id));
        },
        { defer: true },
      ),
    );
    createEffect(on(live.unreadCount, (count) => feed.unreadCountChanged(count)));
  }

  onCleanup(() => feed.dispose());
  return feed;
}
