import { createEffect, For, Match, on, Show, Switch } from "solid-js";
import { toast } from "solid-toast";
import { createInboxDetail } from "~/hooks/createInboxDetail";
import { useInboxFeedContext } from "~/hooks/useInboxFeedContext";
import { describeDelivery, describePending } from "~/lib/delivery-text";
import { formatFullTime } from "~/lib/format-time";
import { toInboxApiError, updateInboxItem } from "~/lib/inbox-api";
import { safeLink } from "~/lib/safe-url";
import { SERVICE_LABELS } from "~/shared/alert";
import type { InboxChange, InboxItem } from "~/shared/inbox";
import { AlertLink } from "./AlertLink";
import { InboxError } from "./InboxStates";
import { ServiceIcon } from "./ServiceIcon";
import { SeverityBadge } from "./SeverityBadge";
import { TimeAgo } from "./TimeAgo";

/**
 * One alert in full: description, image, action, read/archive buttons and the delivery record.
 * Opening it marks it read. Changes go through the list's feed when there is one beside it,
 * so its row changes at the same moment.
 */
export function AlertDetail(props: { id: string; closeHref: string }) {
  const state = createInboxDetail(() => props.id);
  const feed = useInboxFeedContext();
  let heading: HTMLHeadingElement | undefined;

  // The list's row, when it has one, is the freshest read/archive state: changed at once on a
  // click here or there, and refetched when another tab changes it.
  const shown = () => {
    const detail = state.detail();
    const row = detail && feed?.items().find((item) => item.id === detail.id);
    return detail && row ? { ...detail, readAt: row.readAt, archivedAt: row.archivedAt } : detail;
  };

  async function change(id: string, body: InboxChange): Promise<void> {
    let item: InboxItem | null = null;
    if (feed) {
      item = body.archived === undefined ? await feed.markRead(id, body.read) : await feed.archive(id, body.archived);
    } else {
      try {
        item = (await updateInboxItem(id, body)).item;
      } catch (error) {
        toast.error(toInboxApiError(error).message);
      }
    }
    if (item) state.update(item);
  }

  // A newly opened alert gets the focus (and its heading read out), as a page change would.
  createEffect(
    on(
      () => state.detail()?.id,
      (id) => {
        if (!id) return;
        heading?.focus();
        if (shown()?.readAt === null) void change(id, { read: true });
      },
    ),
  );

  return (
    <div class="alert-detail-pane">
      <a class="alert-detail__close" href={props.closeHref}>
        <span aria-hidden="true">←</span> All alerts
      </a>
      <Switch>
        <Match when={state.error()}>{(error) => <InboxError error={error()} onRetry={state.reload} />}</Match>
        <Match when={shown()}>
          {(detail) => (
            <article class="alert-detail" data-testid="alert-detail" data-severity={detail().severity} aria-labelledby="alert-detail-title">
              <div class="alert-detail__meta">
                <ServiceIcon service={detail().service} size={22} />
                <span class="alert-detail__service">{SERVICE_LABELS[detail().service]}</span>
                <SeverityBadge severity={detail().severity} />
                <TimeAgo iso={detail().createdAt} />
                <Show when={detail().archivedAt}>
                  <span class="alert-detail__flag">Archived</span>
                </Show>
              </div>
              <h2 id="alert-detail-title" class="alert-detail__title" tabindex="-1" ref={heading}>
                {detail().title}
              </h2>
              <p class="alert-detail__when">{formatFullTime(detail().createdAt)}</p>
              <p class="alert-detail__body" data-testid="alert-detail-body">
                {detail().body}
              </p>
              <Show when={safeLink(detail().imageUrl)}>
                {(image) => (
                  <img class="alert-detail__image" src={image().href} alt="" loading="lazy" referrerpolicy="no-referrer" />
                )}
              </Show>
              <div class="alert-detail__actions">
                <AlertLink url={detail().actionUrl} label={detail().actionLabel} class="button button--primary" />
                <button type="button" class="button" onClick={() => void change(detail().id, { read: detail().readAt === null })}>
                  {detail().readAt === null ? "Mark read" : "Mark unread"}
                </button>
                <button type="button" class="button" onClick={() => void change(detail().id, { archived: detail().archivedAt === null })}>
                  {detail().archivedAt === null ? "Archive" : "Unarchive"}
                </button>
              </div>
              <section class="alert-detail__deliveries" aria-labelledby="alert-deliveries-heading">
                <h3 id="alert-deliveries-heading">Delivery</h3>
                <Show when={detail().deliveries.length > 0} fallback={<p class="alert-detail__none">No delivery recorded yet.</p>}>
                  <ul data-testid="alert-deliveries">
                    <For each={detail().deliveries}>
                      {(record) => (
                        <li data-status={record.status}>{describeDelivery(record)}</li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={detail().escalation}>
                  {(escalation) => (
                    <p class="alert-detail__pending" data-testid="alert-pending" role="status">
                      {describePending(escalation())}
                    </p>
                  )}
                </Show>
              </section>
            </article>
          )}
        </Match>
        <Match when={state.loading()}>
          <div class="alert-detail alert-detail--loading" data-testid="alert-detail-loading">
            <span class="visually-hidden" role="status">
              Loading the alert…
            </span>
            <span class="skeleton skeleton--meta" aria-hidden="true" />
            <span class="skeleton skeleton--heading" aria-hidden="true" />
            <span class="skeleton skeleton--text" aria-hidden="true" />
            <span class="skeleton skeleton--text" aria-hidden="true" />
          </div>
        </Match>
      </Switch>
    </div>
  );
}
