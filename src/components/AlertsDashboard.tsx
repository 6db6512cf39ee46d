import { useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { toast } from "solid-toast";
import { useRealtimeAlerts } from "~/hooks/useRealtimeAlerts";
import { prefersReducedMotion } from "~/lib/motion";
import { announceSignOut, type Session, signOut } from "~/lib/session";
import { AlertList } from "./AlertList";
import { Navbar } from "./Navbar";
import { SimulatePanel } from "./SimulatePanel";

/** The signed-in dashboard: owns the realtime connection for as long as it is on screen. */
export function AlertsDashboard(props: { session: Session }) {
  const navigate = useNavigate();
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
        onMarkAllRead={() => void realtime.markAllRead()}
        onRetry={realtime.retryNow}
        onDoNotDisturbChange={realtime.setDoNotDisturb}
        onSoundChange={realtime.setSoundEnabled}
        onSignOut={() => void handleSignOut()}
      />
      {/* The simulator sits on the left: toasts arrive top-right and would cover its buttons. */}
      <main class="dashboard" classList={{ "dashboard--with-tools": props.session.features.simulator }}>
        <Show when={props.session.features.simulator}>
          <SimulatePanel />
        </Show>
        <AlertList alerts={realtime.alerts()} />
      </main>
    </div>
  );
}
