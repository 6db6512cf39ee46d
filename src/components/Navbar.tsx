import { type JSX, onCleanup, onMount, Show } from "solid-js";
import type { ConnectionState } from "~/lib/websocket";
import { ConnectionIndicator } from "./ConnectionIndicator";
import { InboxMenu } from "./InboxMenu";

/**
 * The top bar of protected pages. It takes plain values and callbacks, not the socket,
 * so it renders the same in tests and in the app.
 */
export interface NavbarProps {
  email: string;
  state: ConnectionState;
  hasConnected: boolean;
  nextRetryAt?: number | null;
  unreadCount: number;
  doNotDisturb: boolean;
  soundEnabled: boolean;
  /** When true the sound toggle is disabled: we never beep for users who asked for reduced motion. */
  soundBlocked?: boolean;
  /** Which page is open, for the nav links' aria-current. */
  section?: "dashboard" | "alerts" | "settings" | "admin";
  /** Shows the link to the operators' dashboard (admin sessions). */
  showAdmin?: boolean;
  /** What the bell's panel shows; `close()` is for its links that navigate away. */
  inboxPanel?: (close: () => void) => JSX.Element;
  onRetry: () => void;
  onDoNotDisturbChange: (value: boolean) => void;
  onSoundChange: (value: boolean) => void;
  onSignOut: () => void;
}

export function Navbar(props: NavbarProps) {
  let header: HTMLElement | undefined;
  // Toasts sit top-right, exactly where the badge and Sign out are; the toaster reads this
  // variable to start below the bar, whose height changes when it wraps on narrow screens.
  onMount(() => {
    if (!header || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty("--navbar-height", `${header!.offsetHeight}px`));
    observer.observe(header);
    onCleanup(() => {
      observer.disconnect();
      root.removeProperty("--navbar-height");
    });
  });

  return (
    <header class="navbar" ref={header}>
      <a class="navbar__brand" href="/dashboard">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
          <path d="M12 2v3M4.2 5.2l2.1 2.1M19.8 5.2l-2.1 2.1" />
          <path d="M7 21h10l-1.5-9a3.5 3.5 0 0 0-7 0Z" />
        </svg>
        Beacon
      </a>
      <nav class="navbar__nav" aria-label="Main">
        <a class="navbar__link" href="/dashboard" aria-current={props.section === "dashboard" ? "page" : undefined}>
          Dashboard
        </a>
        <a class="navbar__link" href="/alerts" aria-current={props.section === "alerts" ? "page" : undefined}>
          Inbox
        </a>
        <a class="navbar__link" href="/settings" aria-current={props.section === "settings" ? "page" : undefined}>
          Settings
        </a>
        <Show when={props.showAdmin}>
          <a class="navbar__link" href="/admin" aria-current={props.section === "admin" ? "page" : undefined}>
            Operations
          </a>
        </Show>
      </nav>
      <ConnectionIndicator
        state={props.state}
        hasConnected={props.hasConnected}
        nextRetryAt={props.nextRetryAt}
        onRetry={props.onRetry}
      />
      <div class="navbar__actions">
        <label class="toggle" title="On all your devices: no toasts and no push notifications (the bell still counts)">
          <input
            type="checkbox"
            checked={props.doNotDisturb}
            onChange={(event) => props.onDoNotDisturbChange(event.currentTarget.checked)}
          />
          Do not disturb
        </label>
        <label
          class="toggle"
          title={props.soundBlocked ? "Sound stays off because your system asks for reduced motion" : undefined}
        >
          <input
            type="checkbox"
            checked={props.soundEnabled && !props.soundBlocked}
            disabled={props.soundBlocked}
            onChange={(event) => props.onSoundChange(event.currentTarget.checked)}
          />
          Sound
        </label>
        <InboxMenu count={props.unreadCount}>{(close) => props.inboxPanel?.(close)}</InboxMenu>
        <span class="navbar__user" title="Signed in as">
          {props.email}
        </span>
        <button type="button" class="button button--ghost" onClick={() => props.onSignOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
