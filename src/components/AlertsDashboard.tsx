import { Show } from "solid-js";
import { useAppShell } from "~/hooks/useAppShell";
import { AlertList } from "./AlertList";
import { SimulatePanel } from "./SimulatePanel";

/** The dashboard: this session's live alerts, and the simulator when the server enables it. */
export function AlertsDashboard() {
  const { session, realtime } = useAppShell();
  return (
    // The simulator sits on the left: toasts arrive top-right and would cover its buttons.
    <main class="dashboard" classList={{ "dashboard--with-tools": session.features.simulator }}>
      <Show when={session.features.simulator}>
        <SimulatePanel />
      </Show>
      <AlertList alerts={realtime.alerts()} />
    </main>
  );
}
