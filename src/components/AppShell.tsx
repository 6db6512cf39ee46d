import { useLocation, useNavigate } from "@solidjs/router";
import type { JSX } from "solid-js";
import { toast } from "solid-toast";
import { AppShellContext } from "~/hooks/useAppShell";
import { useRealtimeAlerts } from "~/hooks/useRealtimeAlerts";
import { prefersReducedMotion } from "~/lib/motion";
import { announceSignOut, type Session, signOut } from "~/lib/session";
import { InboxPanel } from "./InboxPanel";
import { Navbar } from "./Navbar";

/**
 * The frame of every signed-in page: the one realtime connection (opened here, for as long as
 * any signed-in page is on screen), the navbar with its bell, and the context pages read them from.
 */
export function AppShell(props: { session: Session; children?: JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  const realtime = useRealtimeAlerts({ userId: props.session.user.id });

  async function handleSignOut() {
    // Close the socket first, so the server dropping it on logout is not mistaken for an outage.
    realtime.disconnect();
    try {
      await signOut();
      announceSignOut();
      navigate("/login", { replace: true });
    } catch {
      realtime.reconnect();
      toast.error("Could not sign out. Check your connection and try again.");
    }
  }

  return (
    <AppShellContext.Provider value={{ session: props.session, realtime }}>
      <div class="app-shell">
        <Navbar
          email={props.session.user.email ?? props.session.user.name}
          state={realtime.state()}
          hasConnected={realtime.hasConnected()}
          nextRetryAt={realtime.nextRetryAt()}
          unreadCount={realtime.unreadCount()}
          doNotDisturb={realtime.doNotDisturb()}
          soundEnabled={realtime.soundEnabled()}
          soundBlocked={prefersReducedMotion()}
          section={sectionOf(location.pathname)}
          showAdmin={props.session.user.role === "admin"}
          inboxPanel={(close) => <InboxPanel onClose={close} />}
          onRetry={realtime.retryNow}
          onDoNotDisturbChange={realtime.setDoNotDisturb}
          onSoundChange={realtime.setSoundEnabled}
          onSignOut={() => void handleSignOut()}
        />
        {props.children}
      </div>
    </AppShellContext.Provider>
  );
}

function sectionOf(pathname: string): "dashboard" | "alerts" | "settings" | "admin" {
  if (pathname.startsWith("/alerts")) return "alerts";
  if (pathname.startsWith("/settings")) return "settings";
  if (pathname.startsWith("/admin")) return "admin";
  return "dashboard";
}
