import { useNow } from "~/hooks/useNow";
import { formatFullTime } from "~/lib/format-time";
import { formatTimeAgo } from "~/lib/time-ago";

/** "5 min ago", kept current by the shared clock; the exact time is in the tooltip and `datetime`. */
export function TimeAgo(props: { iso: string; class?: string }) {
  const now = useNow();
  return (
    <time class={props.class ?? "time-ago"} datetime={props.iso} title={formatFullTime(props.iso)}>
      {formatTimeAgo(props.iso, now())}
    </time>
  );
}
