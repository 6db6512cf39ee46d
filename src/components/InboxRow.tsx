import { Show } from "solid-js";
import { SERVICE_LABELS } from "~/shared/alert";
import type { InboxItem } from "~/shared/inbox";
import { AlertLink } from "./AlertLink";
import { ServiceIcon } from "./ServiceIcon";
import { SeverityBadge } from "./SeverityBadge";
import { TimeAgo } from "./TimeAgo";

export interface InboxRowProps {
  item: InboxItem;
  /** Where the title leads: the alert's detail view. */
  href: string;
  /** Runs on the title's click, before the router follows the link (mark read, close the panel). */
  onOpen?: (item: InboxItem) => void;
  /** The bell panel's short form: no teaser and no row actions. */
  compact?: boolean;
  selected?: boolean;
  onToggleRead?: (item: InboxItem) => void;
  onToggleArchive?: (item: InboxItem) => void;
}

/**
 * One alert in a list. The title is a real link (middle-click, "open in new tab" work); the
 * unread dot is backed by words for screen readers, and bold titles by `data-unread` in CSS.
 */
export function InboxRow(props: InboxRowProps) {
  const unread = () => props.item.readAt === null;
  return (
    <li
      class="inbox-row"
      classList={{ "inbox-row--compact": props.compact, "inbox-row--selected": props.selected }}
      data-testid="inbox-item"
      data-severity={props.item.severity}
      data-unread={unread() ? "true" : "false"}
      aria-current={props.selected ? "true" : undefined}
    >
      <span class="inbox-row__dot" aria-hidden="true" />
      <ServiceIcon service={props.item.service} size={props.compact ? 18 : 20} />
      <div class="inbox-row__main">
        <div class="inbox-row__meta">
          <span class="inbox-row__service">{SERVICE_LABELS[props.item.service]}</span>
          <SeverityBadge severity={props.item.severity} />
          <TimeAgo iso={props.item.createdAt} class="inbox-row__time" />
        </div>
        <a class="inbox-row__title" href={props.href} onClick={() => props.onOpen?.(props.item)}>
          <Show when={unread()}>
            <span class="visually-hidden">Unread: </span>
          </Show>
          {props.item.title}
        </a>
        <Show when={!props.compact}>
          <p class="inbox-row__teaser">{props.item.teaser ?? props.item.body}</p>
        </Show>
        <div class="inbox-row__actions">
          <AlertLink url={props.item.actionUrl} label={props.item.actionLabel} />
          <Show when={props.onToggleRead}>
            {(toggle) => (
              <button type="button" class="link-button" onClick={() => toggle()(props.item)}>
                {unread() ? "Mark read" : "Mark unread"}
                <span class="visually-hidden">: {props.item.title}</span>
              </button>
            )}
          </Show>
          <Show when={props.onToggleArchive}>
            {(toggle) => (
              <button type="button" class="link-button" onClick={() => toggle()(props.item)}>
                {props.item.archivedAt ? "Unarchive" : "Archive"}
                <span class="visually-hidden">: {props.item.title}</span>
              </button>
            )}
          </Show>
        </div>
      </div>
    </li>
  );
}
