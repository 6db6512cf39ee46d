/**
 * What every signed-in page shares, from the layout route `(app)`: the session and the one
 * realtime connection. Pages read it here instead of opening a socket of their own, so moving
 * between /dashboard and /alerts keeps the connection, the badge and the toasts.
 */
import { createContext, useContext } from "solid-js";
import type { Session } from "~/lib/session";
import type { RealtimeAlerts } from "./useRealtimeAlerts";

export interface AppShellContextValue {
  session: Session;
  realtime: RealtimeAlerts;
}

export const AppShellContext = createContext<AppShellContextValue>();

/**
 * @example
 * const { realtime } = useAppShell();
 * <p>{realtime.unreadCount()} unread</p>
 */
export function useAppShell(): AppShellContextValue {
  const value = useContext(AppShellContext);
  if (!value) throw new Error("useAppShell: this page must be rendered inside the (app) layout's <AppShell>");
  return value;
}
