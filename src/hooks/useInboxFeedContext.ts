/**
 * The /alerts page's feed, for the detail view beside it: reading or archiving an alert there
 * updates its row in the list at once. Absent when a detail is shown without the list.
 */
import { createContext, useContext } from "solid-js";
import type { InboxFeed } from "~/lib/inbox-feed";

export const InboxFeedContext = createContext<InboxFeed>();

export function useInboxFeedContext(): InboxFeed | undefined {
  return useContext(InboxFeedContext);
}
