import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBeacon, installFakeBeacon, makeItems } from "./fake-beacon";
import { renderSignedInApp } from "./signed-in-app";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const rows = () => within(screen.getByTestId("inbox-list")).getAllByTestId("inbox-item");
const titles = () => rows().map((row) => row.querySelector(".inbox-row__title")?.textContent?.replace("Unread: ", ""));

/** Plays IntersectionObserver: the test says when the observed sentinel comes into view. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly elements: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(element: Element) {
    this.elements.push(element);
  }
  disconnect() {
    this.elements.length = 0;
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  scrollIntoView(isIntersecting: boolean) {
    const entries = this.elements.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

describe("the /alerts page", () => {
  it("lists the 30 newest alerts, and the next 30 on Load more, until it says it has shown everything", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(45)));
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(30));
    expect(titles()[0]).toBe("Alert number 45");
    expect(titles()[29]).toBe("Alert number 16");

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(rows()).toHaveLength(45));
    expect(titles()[44]).toBe("Alert number 1");
    expect(server.requestsTo("GET", "/api/inbox")[1]!.query.get("before")).toBe("16");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(screen.getByText("That's every alert here.")).toBeInTheDocument();
  });

  it("loads the next page when the end of the list scrolls into view", async () => {
    vi.stubGlobal("IntersectionObserver", FakeIntersectionObserver);
    FakeIntersectionObserver.instances = [];
    installFakeBeacon(new FakeBeacon(makeItems(70)));
    vi.stubGlobal("IntersectionObserver", FakeIntersectionObserver);
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(30));

    const observer = FakeIntersectionObserver.instances.find((candidate) => candidate.elements.length > 0)!;
    observer.scrollIntoView(true);
    await waitFor(() => expect(rows()).toHaveLength(60));
    // Still in view after that page (a tall screen): it keeps going without another scroll.
    await waitFor(() => expect(rows()).toHaveLength(70));
  });

  it("keeps the rows and offers Retry under them when a later page fails", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(40)));
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(30));
    server.failNext("GET", /^\/api\/inbox$/, 503, "store_unavailable");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));

    const error = await screen.findByTestId("inbox-error");
    expect(error).toHaveTextContent("temporarily unavailable");
    expect(rows()).toHaveLength(30);
    fireEvent.click(within(error).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(rows()).toHaveLength(40));
  });

  it("filters by service, severity and unread through the URL and the API", async () => {
    const server = installFakeBeacon(
      new FakeBeacon(makeItems(6, (seq) => ({ service: seq % 2 ? "darkwatch" : "voiceprint", severity: seq > 3 ? "critical" : "low" }))),
    );
    const { currentPath } = renderSignedInApp("/alerts?severity=critical");
    await waitFor(() => expect(titles()).toEqual(["Alert number 6", "Alert number 5", "Alert number 4"]));

    fireEvent.change(screen.getByLabelText("Service"), { target: { value: "voiceprint" } });
    await waitFor(() => expect(titles()).toEqual(["Alert number 6", "Alert number 4"]));
    expect(currentPath()).toBe("/alerts?severity=critical&service=voiceprint");
    const last = server.requestsTo("GET", "/api/inbox").at(-1)!;
    expect(last.query.get("service")).toBe("voiceprint");
    expect(last.query.get("severity")).toBe("critical");

    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(currentPath()).toBe("/alerts");
  });

  it("says when no alert matches the filters, and clears them from there", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(2)));
    renderSignedInApp("/alerts?service=hometitle");
    const empty = await screen.findByTestId("inbox-empty");
    expect(empty).toHaveTextContent("No alerts match these filters");
    fireEvent.click(within(empty).getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it("marks a row read and unread, keeping the focus on the button", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(2)));
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(2));
    const row = rows()[0]!;
    const button = within(row).getByRole("button", { name: /^Mark read/ });
    button.focus();

    fireEvent.click(button);
    expect(row).toHaveAttribute("data-unread", "false");
    await waitFor(() => expect(screen.getByTestId("unread-badge")).toHaveTextContent(/^2$/)); // the server's count comes by socket
    expect(server.requestsTo("PATCH", "/api/inbox/a2")[0]!.body).toEqual({ read: true });
    expect(button).toHaveTextContent(/^Mark unread/);
    expect(button).toHaveFocus();

    fireEvent.click(button);
    expect(row).toHaveAttribute("data-unread", "true");
    await waitFor(() => expect(server.requestsTo("PATCH", "/api/inbox/a2")).toHaveLength(2));
    expect(server.requestsTo("PATCH", "/api/inbox/a2")[1]!.body).toEqual({ read: false });
  });

  it("archives a row out of the inbox and lists it under Archived, where it can be unarchived", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(2)));
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rows()[0]!).getByRole("button", { name: /^Archive/ }));
    expect(titles()).toEqual(["Alert number 1"]);
    await waitFor(() => expect(server.requestsTo("PATCH", "/api/inbox/a2")).toHaveLength(1));

    fireEvent.click(screen.getByRole("button", { name: "Archived" }));
    await waitFor(() => expect(titles()).toEqual(["Alert number 2"]));
    fireEvent.click(within(rows()[0]!).getByRole("button", { name: /^Unarchive/ }));
    await waitFor(() => expect(screen.getByTestId("inbox-empty")).toHaveTextContent("Nothing archived"));
    expect(server.requestsTo("PATCH", "/api/inbox/a2")[1]!.body).toEqual({ archived: false });
  });

  it("puts a row back and says why when the server refuses a change", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(1)));
    renderSignedInApp("/alerts");
    await waitFor(() => expect(rows()).toHaveLength(1));
    server.failNext("PATCH", /^\/api\/inbox\/a1$/, 503, "store_unavailable");
    fireEvent.click(within(rows()[0]!).getByRole("button", { name: /^Archive/ }));
    expect(screen.queryByTestId("inbox-list")).toBeNull();

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(await screen.findByText(/temporarily unavailable/)).toBeInTheDocument();
  });

  it("shows an error with Retry when the first page cannot be loaded", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(3)));
    server.failNext("GET", /^\/api\/inbox$/, 500, "internal");
    renderSignedInApp("/alerts");
    const error = await screen.findByTestId("inbox-error");
    expect(error).toHaveTextContent("Something went wrong");
    fireEvent.click(within(error).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it("opens an alert beside the list, marks it read there, and its row follows", async () => {
    const server = installFakeBeacon(new FakeBeacon(makeItems(3)));
    const { currentPath } = renderSignedInApp("/alerts?unread=true");
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByText(/Select an alert/)).toBeInTheDocument();

    fireEvent.click(within(rows()[1]!).getByRole("link", { name: /Alert number 2/ }));
    await waitFor(() => expect(currentPath()).toBe("/alerts/a2?unread=true"));
    const detail = await screen.findByTestId("alert-detail");
    expect(rows()[1]).toHaveAttribute("aria-current", "true");
    expect(rows()[1]).toHaveAttribute("data-unread", "false");
    expect(within(detail).getByRole("heading", { name: "Alert number 2" })).toHaveFocus();
    expect(screen.getByText("No delivery recorded yet.")).toBeInTheDocument();
    // Marked on the click; the detail view, seeing it read already, does not ask a second time.
    await waitFor(() => expect(server.requestsTo("PATCH", "/api/inbox/a2")).toHaveLength(1));

    fireEvent.click(within(detail).getByRole("button", { name: "Mark unread" }));
    await waitFor(() => expect(rows()[1]).toHaveAttribute("data-unread", "true"));
    expect(within(detail).getByRole("button", { name: "Mark read" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("link", { name: /All alerts/ }));
    await waitFor(() => expect(currentPath()).toBe("/alerts?unread=true"));
  });

  it("says so when the alert to open is not in the user's inbox", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(1)));
    renderSignedInApp("/alerts/someone-elses");
    const errors = await screen.findAllByTestId("inbox-error");
    expect(errors.at(-1)).toHaveTextContent("not in your inbox");
  });

  it("keeps one realtime connection while moving between the dashboard and the inbox", async () => {
    installFakeBeacon(new FakeBeacon(makeItems(1)));
    renderSignedInApp("/dashboard");
    await screen.findByTestId("unread-badge");
    fireEvent.click(screen.getByRole("link", { name: "Inbox" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
    const { FakeWebSocket } = await import("./fake-beacon");
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});
