import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBeacon, installFakeBeacon, makeItems, pushAlert, pushUnreadCount } from "./fake-beacon";
import { makeAlert } from "./fixtures";
import { renderSignedInApp } from "./signed-in-app";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function openPanel() {
  const bell = await screen.findByTestId("unread-badge");
  fireEvent.click(bell);
  return screen.getByTestId("inbox-panel");
}

describe("the bell's inbox panel", () => {
  it("lists the ten newest alerts with service, severity, time ago and read state", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(12, (seq) => ({ readAt: seq === 11 ? "2025-01-02T10:00:00.000Z" : null, service: seq === 12 ? "hometitle" : "darkwatch", severity: seq === 12 ? "critical" : "high" }))));
    renderSignedInApp("/dashboard");
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^11$/));

    const panel = await openPanel();
    const rows = await within(panel).findAllByTestId("inbox-item");
    expect(rows).toHaveLength(10);
    expect(rows[0]).toHaveTextContent("Alert number 12");
    expect(rows[0]).toHaveTextContent("HomeTitle");
    expect(rows[0]).toHaveTextContent("critical");
    expect(rows[0]).toHaveTextContent("1 min ago");
    expect(rows[0]).toHaveAttribute("data-unread", "true");
    expect(rows[1]).toHaveAttribute("data-unread", "false");
    expect(within(rows[0]!).getByRole("link", { name: /Alert number 12/ })).toHaveAttribute("href", "/alerts/a12");
    expect(server.requestsTo("GET", "/api/inbox")[0]!.query.get("limit")).toBe("10");
    expect(within(panel).getByRole("link", { name: "View all alerts" })).toHaveAttribute("href", "/alerts");
  });

  it("shows skeleton rows while the alerts load", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(3)));
    const release = server.holdNext("GET", /^\/api\/inbox$/);
    renderSignedInApp("/dashboard");
    const panel = await openPanel();
    expect(within(panel).getByTestId("inbox-loading")).toHaveTextContent("Loading alerts…");
    release();
    expect(await within(panel).findAllByTestId("inbox-item")).toHaveLength(3);
    expect(within(panel).queryByTestId("inbox-loading")).toBeNull();
  });

  it("says you're all caught up when there are no alerts", async () => {
    installFakeBeacon(new FakeBeacon([]));
    renderSignedInApp("/dashboard");
    const panel = await openPanel();
    expect(await within(panel).findByTestId("inbox-empty")).toHaveTextContent("You're all caught up");
    expect(within(panel).getByRole("button", { name: "Mark all read" })).toBeDisabled();
  });

  it("explains an unavailable store and loads again on Retry", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(2)));
    server.failNext("GET", /^\/api\/inbox$/, 503, "store_unavailable");
    renderSignedInApp("/dashboard");
    const panel = await openPanel();
    const error = await within(panel).findByTestId("inbox-error");
    expect(error).toHaveTextContent("temporarily unavailable");
    expect(error).toHaveAttribute("role", "alert");
    fireEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await within(panel).findAllByTestId("inbox-item")).toHaveLength(2);
  });

  it("opening an alert marks it read, closes the panel and shows its full description, image and delivery", async () => {
    const server = installFakeBeacon(
      new FakeBeacon(makeItems(2, (seq) => (seq === 2 ? { body: "The full story of the breach.", imageUrl: "https://img.example/evidence.png" } : {}))),
    );
    server.deliveries.set("a2", [{ channel: "websocket", status: "delivered", at: new Date().toISOString(), detail: "2 socket(s)" }]);
    const { currentPath } = renderSignedInApp("/dashboard");
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^2$/));
    const panel = await openPanel();
    const [newest] = await within(panel).findAllByTestId("inbox-item");

    fireEvent.click(within(newest!).getByRole("link", { name: /Alert number 2/ }));
    expect(newest).toHaveAttribute("data-unread", "false"); // at once, before the server answers
    await waitFor(() => expect(currentPath()).toBe("/alerts/a2"));
    expect(screen.queryByTestId("inbox-panel")).toBeNull();

    const detail = await screen.findByTestId("alert-detail");
    expect(within(detail).getByRole("heading", { name: "Alert number 2" })).toBeInTheDocument();
    expect(screen.getByTestId("alert-detail-body")).toHaveTextContent("The full story of the breach.");
    expect(detail.querySelector("img")).toHaveAttribute("src", "https://img.example/evidence.png");
    expect(screen.getByTestId("alert-deliveries")).toHaveTextContent(/delivered live \d\d:\d\d:\d\d · 2 socket\(s\)/);
    expect(server.requestsTo("PATCH", "/api/inbox/a2")[0]!.body).toEqual({ read: true });
  });

  it("while the ladder still works on an opened alert, says what comes next and shows each step as it is recorded", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(1)));
    const sent = new Date();
    server.deliveries.set("a1", [{ channel: "websocket", status: "skipped", at: sent.toISOString(), detail: "no_live_socket" }]);
    // Due in the past: the detail reads again shortly after, not on the slower regular beat.
    server.escalations.set("a1", { step: "push_wait", dueAt: new Date(sent.getTime() - 1000).toISOString() });
    renderSignedInApp("/alerts/a1");
    expect(await screen.findByTestId("alert-pending")).toHaveTextContent(/^Waiting for a device to show the notification; email at \d\d:\d\d:\d\d if none does$/);

    server.deliveries.set("a1", [
      ...server.deliveries.get("a1")!,
      { channel: "push", status: "unacknowledged", at: new Date().toISOString(), detail: null },
      { channel: "email", status: "delivered", at: new Date().toISOString(), detail: null },
    ]);
    server.escalations.delete("a1");
    await waitFor(() => expect(screen.getByTestId("alert-deliveries")).toHaveTextContent(/email sent/), { timeout: 3000 });
    expect(screen.queryByTestId("alert-pending")).toBeNull();
    // Done: no more reads.
    const reads = server.requestsTo("GET", "/api/inbox/a1").length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(server.requestsTo("GET", "/api/inbox/a1")).toHaveLength(reads);
  });

  it("keeps the detail on screen when a background read fails, and reads again later", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(1)));
    server.escalations.set("a1", { step: "socket", dueAt: new Date(Date.now() - 1000).toISOString() });
    renderSignedInApp("/alerts/a1");
    expect(await screen.findByTestId("alert-pending")).toHaveTextContent(/^Waiting for a tab to show it; push at/);
    server.failNext("GET", /^\/api\/inbox\/a1$/, 503, "store_unavailable");
    await waitFor(() => expect(server.requestsTo("GET", "/api/inbox/a1").length).toBeGreaterThanOrEqual(2), { timeout: 3000 });
    expect(screen.getByTestId("alert-detail")).toBeInTheDocument();
    expect(screen.queryByTestId("inbox-error")).toBeNull();
    server.escalations.delete("a1");
    await waitFor(() => expect(screen.queryByTestId("alert-pending")).toBeNull(), { timeout: 5000 });
    expect(server.requestsTo("GET", "/api/inbox/a1")).toHaveLength(3);
  });

  it("refuses an answer whose image URL is not http(s) or in-app, rendering none of it", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(1, () => ({ imageUrl: "javascript:alert(1)" }))));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    renderSignedInApp("/alerts/a1");
    expect(await screen.findAllByTestId("inbox-error")).not.toHaveLength(0);
    expect(screen.queryByTestId("alert-detail")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("Mark all read marks every row read up to the newest shown and sets the badge to 0", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(3)));
    renderSignedInApp("/dashboard");
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^3$/));
    const panel = await openPanel();
    await within(panel).findAllByTestId("inbox-item");

    fireEvent.click(within(panel).getByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^0$/));
    expect(within(panel).getAllByTestId("inbox-item").every((row) => row.getAttribute("data-unread") === "false")).toBe(true);
    expect(server.requestsTo("POST", "/api/inbox/read-all")[0]!.body).toEqual({ upTo: 3 });
  });

  it("is a keyboard-friendly popover: focus moves in, Escape closes it and gives focus back to the bell", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(1)));
    renderSignedInApp("/dashboard");
    const bell = await screen.findByTestId("unread-badge");
    expect(bell).toHaveAttribute("aria-expanded", "false");
    expect(bell).toHaveAttribute("aria-haspopup", "dialog");

    fireEvent.click(bell);
    const panel = screen.getByRole("dialog", { name: "Alerts" });
    expect(bell).toHaveAttribute("aria-expanded", "true");
    expect(bell).toHaveAttribute("aria-controls", panel.id);
    expect(panel).toHaveFocus();

    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(bell).toHaveAttribute("aria-expanded", "false");
    expect(bell).toHaveFocus();
  });

  it("closes on a click outside without taking the focus back", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(1)));
    renderSignedInApp("/dashboard");
    fireEvent.click(await screen.findByTestId("unread-badge"));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("puts a live alert on top of the open panel without fetching again", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(2)));
    renderSignedInApp("/dashboard");
    const panel = await openPanel();
    await within(panel).findAllByTestId("inbox-item");
    const pagesFetched = server.requestsTo("GET", "/api/inbox").length;

    const live = makeAlert({ id: "live-1", seq: 3, title: "Just arrived", createdAt: new Date().toISOString() });
    pushAlert(server, live);
    pushAlert(server, live); // a replay racing the live frame: still one row
    await waitFor(() => expect(within(panel).getAllByTestId("inbox-item")[0]).toHaveTextContent("Just arrived"));
    expect(within(panel).getAllByTestId("inbox-item")).toHaveLength(3);
    expect(within(panel).getAllByTestId("inbox-item")[0]).toHaveTextContent("just now");
    expect(server.requestsTo("GET", "/api/inbox")).toHaveLength(pagesFetched);
    expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^3$/);
  });

  it("shows alerts read in another tab as read once the lower count arrives", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(3)));
    renderSignedInApp("/dashboard");
    const panel = await openPanel();
    await within(panel).findAllByTestId("inbox-item");

    // Another tab reads alert 2: only the count reaches this one, so the panel asks again.
    server.items = server.items.map((item) => (item.id === "a2" ? { ...item, readAt: new Date().toISOString() } : item));
    pushUnreadCount(server);
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^2$/));
    await waitFor(() => expect(within(panel).getAllByTestId("inbox-item")[1]).toHaveAttribute("data-unread", "false"));
    expect(within(panel).getAllByTestId("inbox-item")[0]).toHaveAttribute("data-unread", "true");

    // …and reads the rest: a count of 0 needs no request to know every row is read.
    const fetched = server.requestsTo("GET", "/api/inbox").length;
    server.items = server.items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() }));
    pushUnreadCount(server);
    await waitFor(() => expect(within(panel).getAllByTestId("inbox-item")[0]).toHaveAttribute("data-unread", "false"));
    expect(server.requestsTo("GET", "/api/inbox")).toHaveLength(fetched);
  });
});
