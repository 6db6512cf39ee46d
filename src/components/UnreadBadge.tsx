/** The bell with the unread count; clicking it marks everything read. Its text is just the number. */
export function UnreadBadge(props: { count: number; onMarkAllRead: () => void }) {
  const label = () =>
    props.count === 0
      ? "No unread alerts"
      : `${props.count} unread ${props.count === 1 ? "alert" : "alerts"}, mark all read`;

  return (
    <button
      type="button"
      class="unread-badge"
      data-testid="unread-badge"
      data-empty={props.count === 0 ? "true" : "false"}
      aria-label={label()}
      title={label()}
      onClick={() => props.onMarkAllRead()}
    >
      <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span class="unread-badge__count">{props.count}</span>
    </button>
  );
}
