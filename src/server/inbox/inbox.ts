/** Read state as the signed-in user sees it, kept in step across all of their tabs. */
import type { UnreadFrame } from "../../shared/protocol";
import type { PeerRegistry } from "../realtime/peer-registry";
import type { UnreadCounter } from "./unread-counter";

export interface Inbox {
  unreadCount(userId: string): number;
  /** Clears the unread count and tells every open tab of the user. */
  markAllRead(userId: string): number;
}

export function createInbox(unread: UnreadCounter, registry: PeerRegistry): Inbox {
  return {
    unreadCount: (userId) => unread.get(userId),
    markAllRead(userId) {
      const unreadCount = unread.clear(userId);
      const frame: UnreadFrame = { type: "unread", unreadCount };
      registry.sendToUser(userId, JSON.stringify(frame));
      return unreadCount;
    },
  };
}
