import { fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { Navbar, type NavbarProps } from "~/components/Navbar";
import type { ConnectionState } from "~/lib/websocket";

function renderNavbar(overrides: Partial<NavbarProps> = {}) {
  const [state, setState] = createSignal<ConnectionState>(overrides.state ?? "open");
  const [unread, setUnread] = createSignal(overrides.unreadCount ?? 0);
  const [hasConnected, setHasConnected] = createSignal(overrides.hasConnected ?? true);
  const handlers = {
    onRetry: vi.fn(),
    onDoNotDisturbChange: vi.fn(),
    onSoundChange: vi.fn(),
    onSignOut: vi.fn(),
  };
  render(() => (
    <Navbar
      email="alice@example.com"
      doNotDisturb={false}
      soundEnabled={false}
      {...handlers}
      {...overrides}
      state={state()}
      hasConnected={hasConnected()}
      unreadCount={unread()}
    />
  ));
  return { setState, setUnread, setHasConnected, handlers };
}

describe("Navbar", () => {
  it("says Offline and offers Retry now when the connection has given up", () => {
    const { handlers } = renderNavbar({ state: "offline" });
    expect(screen.getByTestId("connection-status")).toHaveTextContent("Offline");
    expect(screen.getByTestId("connection-dot")).toHaveAttribute("data-state", "offline");
    fireEvent.click(screen.getByRole("button", { name: "Retry now" }));
    expect(handlers.onRetry).toHaveBeenCalledOnce();
  });

  it("says Reconnecting… while reconnecting, and while connecting again after a drop", () => {
    const { setState } = renderNavbar({ state: "reconnecting" });
    expect(screen.getByTestId("connection-status")).toHaveTextContent("Reconnecting…");
    setState("connecting");
    expect(screen.getByTestId("connection-status")).toHaveTextContent("Reconnecting…");
    expect(screen.queryByRole("button", { name: "Retry now" })).toBeNull();
  });

  it("says Connecting… on the very first connection", () => {
    renderNavbar({ state: "connecting", hasConnected: false });
    expect(screen.getByTestId("connection-status")).toHaveTextContent("Connecting…");
  });

  it("shows a pulsing dot and no status text while live", () => {
    const { setState } = renderNavbar({ state: "reconnecting" });
    setState("open");
    const dot = screen.getByTestId("connection-dot");
    expect(dot).toHaveAttribute("data-state", "open");
    expect(dot).toHaveClass("connection-dot--pulse");
    expect(screen.getByTestId("connection-status")).toHaveTextContent(/^$/);
    expect(screen.getByTestId("connection-status")).toHaveAttribute("aria-live", "polite");
    setState("offline");
    expect(screen.getByTestId("connection-dot")).not.toHaveClass("connection-dot--pulse");
  });

  it("shows the unread count on the bell, which opens the inbox panel instead of marking anything read", () => {
    const { setUnread } = renderNavbar({ unreadCount: 3, inboxPanel: () => <p>Panel content</p> });
    const badge = screen.getByTestId("unread-badge");
    expect(badge).toHaveTextContent(/^3$/);
    expect(badge).toHaveAccessibleName("Alerts, 3 unread");
    setUnread(4);
    expect(badge).toHaveTextContent(/^4$/);
    expect(screen.queryByText("Panel content")).toBeNull();

    fireEvent.click(badge);
    expect(screen.getByRole("dialog", { name: "Alerts" })).toHaveTextContent("Panel content");
    expect(badge).toHaveAttribute("aria-expanded", "true");
    expect(badge).toHaveTextContent(/^4$/);
    fireEvent.click(badge);
    expect(screen.queryByRole("dialog")).toBeNull();

    setUnread(0);
    expect(badge).toHaveTextContent(/^0$/);
    expect(badge).toHaveAccessibleName("Alerts, no unread");
  });

  it("links to the dashboard and the inbox, marking the open one", () => {
    renderNavbar({ section: "alerts" });
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current");
  });

  it("links to Settings, marked as the open page on /settings", () => {
    renderNavbar({ section: "settings" });
    const settings = screen.getByRole("link", { name: "Settings" });
    expect(settings).toHaveAttribute("href", "/settings");
    expect(settings).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Inbox" })).not.toHaveAttribute("aria-current");
  });

  it("has a Do not disturb checkbox, the user's email and Sign out", () => {
    const { handlers } = renderNavbar();
    fireEvent.click(screen.getByLabelText("Do not disturb"));
    expect(handlers.onDoNotDisturbChange).toHaveBeenCalledWith(true);
    expect(screen.getByText("alice@example.com")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(handlers.onSignOut).toHaveBeenCalledOnce();
  });

  it("keeps the sound toggle off and disabled for users who asked for reduced motion", () => {
    renderNavbar({ soundEnabled: true, soundBlocked: true });
    const sound = screen.getByLabelText("Sound");
    expect(sound).toBeDisabled();
    expect(sound).not.toBeChecked();
  });
});
