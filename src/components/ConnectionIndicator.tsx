import { createEffect, createSignal, onCleanup, Show } from "solid-js";
import type { ConnectionState } from "~/lib/websocket";

export interface ConnectionIndicatorProps {
  state: ConnectionState;
  /** Whether this tab was connected before; a "connecting" after that is a reconnect. */
  hasConnected: boolean;
  /** ms epoch of the next scheduled retry, for the countdown. */
  nextRetryAt?: number | null;
  onRetry: () => void;
}

const DOT_LABELS: Record<ConnectionState, string> = {
  idle: "Not connected",
  connecting: "Connecting",
  open: "Live",
  reconnecting: "Reconnecting",
  offline: "Offline",
  unauthorized: "Signed out",
};

/** What the status line says; empty while live, because the pulsing dot already says so. */
export function connectionStatusText(state: ConnectionState, hasConnected: boolean): string {
  switch (state) {
    case "open":
    case "idle":
      return "";
    case "connecting":
      return hasConnected ? "Reconnecting…" : "Connecting…";
    case "reconnecting":
      return "Reconnecting…";
    case "offline":
      return "Offline";
    case "unauthorized":
      return "Signed out";
  }
}

export function ConnectionIndicator(props: ConnectionIndicatorProps) {
  return (
    <div class="connection" data-state={props.state}>
      <span
        class="connection-dot"
        classList={{ "connection-dot--pulse": props.state === "open" }}
        data-testid="connection-dot"
        data-state={props.state}
        role="img"
        aria-label={`Connection: ${DOT_LABELS[props.state]}`}
        title={DOT_LABELS[props.state]}
      />
      {/* Always in the DOM so screen readers already track it when the text changes. */}
      <span class="connection-status" data-testid="connection-status" role="status" aria-live="polite">
        {connectionStatusText(props.state, props.hasConnected)}
      </span>
      <Show when={props.state === "reconnecting" && props.nextRetryAt}>
        {(at) => <RetryCountdown at={at()} />}
      </Show>
      <Show when={props.state === "offline"}>
        <button type="button" class="button button--small" onClick={() => props.onRetry()}>
          Retry now
        </button>
      </Show>
    </div>
  );
}

/** "next try in 5 s": ticks once a second only while a retry is scheduled. */
function RetryCountdown(props: { at: number }) {
  const [now, setNow] = createSignal(Date.now());
  createEffect(() => {
    void props.at;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(timer));
  });
  const seconds = () => Math.max(0, Math.ceil((props.at - now()) / 1000));
  return (
    <span class="connection-retry" aria-hidden="true">
      next try in {seconds()} s
    </span>
  );
}
