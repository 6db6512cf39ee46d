/**
 * Ties the plain alert socket (src/lib/websocket.ts) to a component: connects on mount,
 * disconnects on cleanup, raises toasts, keeps the user's notification preferences, and
 * sends the tab to sign-in when the server says the session is gone.
 * Only used under <RequireSession>, so a tab without a session never opens a socket.
 */
import { useLocation, useNavigate } from "@solidjs/router";
import { type Accessor, createEffect, createSignal, on, onCleanup, onMount } from "solid-js";
import { toast } from "solid-toast";
import { showAlertToast, showAwaySummaryToast } from "~/components/AlertToast";
import { changeDoNotDisturb, doNotDisturb, loadDoNotDisturb } from "~/lib/do-not-disturb";
import { markAllInboxRead, toInboxApiError } from "~/lib/inbox-api";
import { prefersReducedMotion } from "~/lib/motion";
import { playNotificationSound, primeNotificationSound } from "~/lib/notification-sound";
import { loginPath } from "~/lib/redirect";
import { loadSavedCursor, saveCursor } from "~/lib/saved-cursor";
import { onSignOutElsewhere } from "~/lib/session";
import { toSettingsApiError } from "~/lib/settings-api";
import { type ConnectionState, makeAlertSocket } from "~/lib/websocket";
import type { Alert } from "~/shared/alert";
import { type EventFrame, type StatsFrame, WS_PATH } from "~/shared/protocol";
import { createPersistedFlag } from "./createPersistedFlag";

export interface RealtimeAlerts {
  state: Accessor<ConnectionState>;
  /** True once this tab has been connected; a later "connecting" is then a reconnect. */
  hasConnected: Accessor<boolean>;
  nextRetryAt: Accessor<number | null>;
  alerts: Accessor<readonly Alert[]>;
  unreadCount: Accessor<number>;
  /** The seq of the newest alert this tab has received, or null before any. */
  cursor: Accessor<number | null>;
  /**
   * Marks everything up to the newest alert this tab has seen (or `upTo`, when a list has
   * shown a newer one) read, on the server and in every tab. Says whether it worked; a
   * failure has already been shown as a toast.
   */
  markAllRead(upTo?: number): Promise<boolean>;
  retryNow(): void;
  /** Dashboard frames on this tab's socket (admin sessions only get any); returns the unsubscribe function. */
  onAdminFrame(listener: (frame: StatsFrame | EventFrame) => void): () => void;
  /** Closes the socket for good (used before signing out, so no reconnect races the logout). */
  disconnect(): void;
  /** Reopens the socket after `disconnect()` (e.g. when signing out failed). */
  reconnect(): void;
  /** The account-wide Do-Not-Disturb preference (src/lib/do-not-disturb.ts). */
  doNotDisturb: Accessor<boolean>;
  /** Saves it for the account; a failure is shown as a toast and the switch goes back. */
  setDoNotDisturb(value: boolean): void;
  soundEnabled: Accessor<boolean>;
  setSoundEnabled(value: boolean): void;
}

/** Same origin as the page: wss:// under https, ws:// otherwise. */
function alertSocketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${WS_PATH}`;
}

export function useRealtimeAlerts(options: { userId: string }): RealtimeAlerts {
  const navigate = useNavigate();
  const location = useLocation();
  const socket = makeAlertSocket({ url: alertSocketUrl, initialCursor: loadSavedCursor(options.userId) });

  const [soundEnabled, storeSoundEnabled] = createPersistedFlag("beacon.sound", false);
  const [hasConnected, setHasConnected] = createSignal(false);

  // Do not disturb hides toasts and sound only: the alert is still listed and counted. The server
  // marks frames silent under it too; checking here as well covers the moment the switch is saving.
  const stopListening = socket.onAlert((alert) => {
    if (doNotDisturb()) return;
    showAlertToast(alert);
    if (soundEnabled() && !prefersReducedMotion()) playNotificationSound();
  });

  const stopSummarising = socket.onCaughtUp((quietCount) => {
    if (quietCount > 0 && !doNotDisturb()) showAwaySummaryToast(quietCount);
  });

  createEffect(
    on(socket.cursor, (cursor) => {
      if (cursor !== null) saveCursor(options.userId, cursor);
    }),
  );

  createEffect(
    on(socket.state, (state) => {
      if (state === "open") setHasConnected(true);
      if (state === "unauthorized") {
        navigate(loginPath(location.pathname + location.search), { replace: true });
      }
    }),
  );

  const stopWatchingSignOut = onSignOutElsewhere(() => {
    socket.disconnect();
    navigate("/login", { replace: true });
  });

  onMount(() => {
    socket.connect();
    void loadDoNotDisturb();
  });
  onCleanup(() => {
    stopListening();
    stopSummarising();
    stopWatchingSignOut();
    socket.disconnect();
  });

  async function markAllRead(shownUpTo?: number): Promise<boolean> {
    // Up to what this tab has seen, so an alert arriving after the click stays unread.
    const seen = Math.max(socket.cursor() ?? 0, shownUpTo ?? 0);
    try {
      await markAllInboxRead(seen > 0 ? seen : undefined);
    } catch (error) {
      const reason = toInboxApiError(error);
      toast.error(reason.retryable ? "Could not mark alerts as read. Try again in a moment." : reason.message);
      return false;
    }
    // At once here; the server's `unread` frame then confirms it in every tab, this one included.
    socket.markAllRead();
    return true;
  }

  return {
    state: socket.state,
    hasConnected,
    nextRetryAt: socket.nextRetryAt,
    alerts: socket.alerts,
    unreadCount: socket.unreadCount,
    cursor: socket.cursor,
    markAllRead,
    retryNow: () => socket.retryNow(),
    onAdminFrame: socket.onAdminFrame,
    disconnect: () => socket.disconnect(),
    reconnect: () => socket.connect(),
    doNotDisturb,
    setDoNotDisturb(value: boolean) {
      changeDoNotDisturb(value).catch((error) => toast.error(toSettingsApiError(error).message));
    },
    soundEnabled,
    setSoundEnabled(value: boolean) {
      // Called from the toggle's click, the one moment browsers let us unlock audio.
      if (value) primeNotificationSound();
      storeSoundEnabled(value);
    },
  };
}
