/** Ties the dashboard state (lib/admin-feed.ts) to a component: loads the snapshot on mount and listens to the shared socket until cleanup. */
import { onCleanup, onMount } from "solid-js";
import { fetchAdminSnapshot, makeAdminFeed } from "~/lib/admin-feed";
import type { RealtimeAlerts } from "./useRealtimeAlerts";

export function createAdminFeed(realtime: Pick<RealtimeAlerts, "onAdminFrame">) {
  const feed = makeAdminFeed();
  // Listen before loading, so nothing that happens while the snapshot is in flight is missed.
  const stop = realtime.onAdminFrame((frame) => feed.receive(frame));
  onCleanup(stop);
  onMount(() => void fetchAdminSnapshot().then(feed.load));
  return feed;
}
