/**
 * The bell with the unread count. It opens the inbox panel (see InboxMenu); its text is just
 * the number, which the E2E helpers read.
 */
export interface UnreadBadgeProps {
  count: number;
  expanded: boolean;
  /** The id of the panel it opens. */
  controls: string;
  onClick: () => void;
  buttonRef?: (element: HTMLButtonElement) => void;
}

export function UnreadBadge(props: UnreadBadgeProps) {
  const label = () =>
    props.count === 0 ? "Alerts, no unread" : `Alerts, ${props.count} unread`;

  return (
    <button
      type="button"
      class="unread-badge"
      data-testid="unread-badge"
      data-empty={props.count === 0 ? "true" : "false"}
      aria-label={label()}
      aria-haspopup="dialog"
      aria-expanded={props.expanded ? "true" : "false"}
      aria-controls={props.controls}
      title={label()}
      ref={props.buttonRef}
      onClick={() => props.onClick()}
    >
      <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span class="unread-badge__count">{props.count}</span>
    </button>
  );
}
