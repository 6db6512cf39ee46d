/**
 * The rules behind every inbox list (src/lib/inbox-feed.ts), run without a component: only
 * `fetch` is faked, by the same in-memory server the page tests use.
 */
import { waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeInboxFeed, RESYNC_DELAY_MS } from "~/lib/inbox-feed";
import { FakeBeacon, installFakeBeacon, makeItems } from "./fake-beacon";
import { makeAlert } from "./fixtures";

afterEach(() => vi.unstubAllGlobals());

function feedOver(server: FakeBeacon, options: Parameters<typeof makeInboxFeed>[0] = {}) {
  installFakeBeacon(server);
  return createRoot((dispose) => {
    const feed = makeInboxFeed(options);
    return { feed, dispose: () => (feed.dispose(), dispose()) };
  });
}

const titles = (items: readonly { title: string }[]) => items.map((item) => item.title);
const pagesFetched = (server: FakeBeacon) => server.requestsTo("GET", "/api/inbox").length;
const settle = () => new Promise((resolve) => setTimeout(resolve, RESYNC_DELAY_MS + 50));

describe("an inbox feed", () => {
  it("puts a live alert in seq order, once, and only when it matches the filters", async () => {
    const server = new FakeBeacon(makeItems(3));
    const { feed } = feedOver(server, { filters: () => ({ service: "darkwatch" }) });
    await feed.refresh();

    feed.receive(makeAlert({ id: "v", seq: 4, service: "voiceprint", title: "Other service" }));
    feed.receive(makeAlert({ id: "d", seq: 5, title: "Newest" }));
    feed.receive(makeAlert({ id: "d", seq: 5, title: "Newest" }));
    expect(titles(feed.items())).toEqual(["Newest", "Alert number 3", "Alert number 2", "Alert number 1"]);
    expect(feed.items()[0]).toMatchObject({ readAt: null, archivedAt: null });
  });

  it("leaves an alert older than the loaded rows to paging while older pages remain", async () => {
    const server = new FakeBeacon(makeItems(40));
    const { feed } = feedOver(server);
    await feed.refresh();
    expect(feed.hasMore()).toBe(true);
    feed.receive(makeAlert({ id: "replayed-old", seq: 2 }));
    expect(feed.items().some((item) => item.id === "replayed-old")).toBe(false);
  });

  it("keeps alerts that arrive while the first page loads, without listing one twice", async () => {
    const server = new FakeBeacon(makeItems(2));
    const release = server.holdNext("GET", /^\/api\/inbox$/);
    const { feed } = feedOver(server);
    const loading = feed.refresh();
    const live = makeAlert({ id: "a3", seq: 3, title: "During the load" });
    server.items.push({ ...live, readAt: null, archivedAt: null });
    feed.receive(live);
    release();
    await loading;
    expect(titles(feed.items())).toEqual(["During the load", "Alert number 2", "Alert number 1"]);
  });

  it("does not refetch for the echo of its own change, nor for a rise that a live alert explains", async () => {
    const server = new FakeBeacon(makeItems(3));
    const { feed } = feedOver(server);
    await feed.refresh();
    feed.unreadCountChanged(3);
    const before = pagesFetched(server);

    await feed.markRead("a2");
    feed.unreadCountChanged(2); // the server's frame for our own change
    feed.receive(makeAlert({ id: "a4", seq: 4 }));
    feed.unreadCountChanged(3); // the new alert
    await settle();
    expect(pagesFetched(server)).toBe(before);
  });

  it("refetches the loaded range when an alert is marked unread elsewhere", async () => {
    const server = new FakeBeacon(makeItems(3, () => ({ readAt: "2025-01-02T10:00:00.000Z" })));
    const { feed } = feedOver(server);
    await feed.refresh();
    feed.unreadCountChanged(0);

    server.items = server.items.map((item) => (item.id === "a1" ? { ...item, readAt: null } : item));
    feed.unreadCountChanged(1);
    await waitFor(() => expect(feed.items().find((item) => item.id === "a1")?.readAt).toBeNull());
    expect(feed.items().filter((item) => item.readAt === null)).toHaveLength(1);
  });

  it("drops a row archived elsewhere; an unread-only list, which cannot tell read from archived, keeps both rows shown read", async () => {
    const server = new FakeBeacon(makeItems(3));
    const unreadOnly = feedOver(server, { filters: () => ({ unread: true }) }).feed;
    const everything = makeInboxFeed();
    await Promise.all([unreadOnly.refresh(), everything.refresh()]);
    unreadOnly.unreadCountChanged(3);
    everything.unreadCountChanged(3);

    const at = new Date().toISOString();
    server.items = server.items.map((item) =>
      item.id === "a3" ? { ...item, readAt: at } : item.id === "a2" ? { ...item, archivedAt: at } : item,
    );
    unreadOnly.unreadCountChanged(1);
    everything.unreadCountChanged(1);
    await waitFor(() => expect(everything.items().map((item) => item.id)).toEqual(["a3", "a1"]));
    expect(everything.items()[0]!.readAt).toBe(at);
    await waitFor(() => expect(unreadOnly.items().filter((item) => item.readAt === null).map((item) => item.id)).toEqual(["a1"]));
    expect(unreadOnly.items().map((item) => item.id)).toEqual(["a3", "a2", "a1"]);
    everything.dispose();
  });

  it("drops the answer of a page asked for under filters that have since changed", async () => {
    const server = new FakeBeacon(makeItems(4, (seq) => ({ service: seq % 2 ? "darkwatch" : "hometitle" })));
    let filters: { service?: "darkwatch" | "hometitle" } = { service: "darkwatch" };
    const release = server.holdNext("GET", /^\/api\/inbox$/);
    const { feed } = feedOver(server, { filters: () => filters });
    const stale = feed.refresh();
    filters = { service: "hometitle" };
    await feed.refresh();
    release();
    await stale;
    expect(feed.items().map((item) => item.service)).toEqual(["hometitle", "hometitle"]);
  });
});
