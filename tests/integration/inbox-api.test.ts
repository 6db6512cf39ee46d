/** The signed-in user's inbox over HTTP, and read state kept in step across tabs. */
import { afterEach, describe, expect, inject, it } from "vitest";
import { eventually } from "../helpers/eventually";
import { post, publishOne, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((socket) => socket.close()));
});


async function as(userId: string) {
  const cookie = `auth_token=${await mintToken(authSecret, userId)}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path: string) => call("GET", path),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    post: (path: string, body: unknown = {}) => call("POST", path, body),
    socket: async () => {
      const socket = await connect(baseUrl, { cookie });
      open.push(socket);
      return socket;
    },
  };
}


describe("the inbox API", () => {
  it("lists the user's alerts newest first, a page at a time, with the unread state", async () => {
    const userId = uniqueUserId("ivy");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await publishOne(baseUrl, publishSecret, userId, { title: `n${i}` }));
    const me = await as(userId);

    const first = await me.get("/api/inbox?limit=2");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ unreadCount: 5, cursor: 5, nextBefore: 4 });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.items[0]).toMatchObject({ title: "n4", seq: 5, readAt: null, archivedAt: null, userId });

    const rest = await me.get(`/api/inbox?limit=10&before=${first.body.nextBefore}`);
    expect(rest.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.body.nextBefore).toBeNull();
  });

  it("filters by service, severity and unread", async () => {
    const userId = uniqueUserId("jon");
    await publishOne(baseUrl, publishSecret, userId, { service: "darkwatch", severity: "critical" });
    const spam = await publishOne(baseUrl, publishSecret, userId, { service: "spamshield", severity: "low" });
    await publishOne(baseUrl, publishSecret, userId, { service: "darkwatch", severity: "low" });
    const me = await as(userId);
    await me.patch(`/api/inbox/${spam}`, { read: true });
    const titles = async (query: string) => (await me.get(`/api/inbox?${query}`)).body.items.map((item: { service: string; severity: string }) => `${item.service}/${item.severity}`);
    expect(await titles("service=darkwatch")).toEqual(["darkwatch/low", "darkwatch/critical"]);
    expect(await titles("severity=low")).toEqual(["darkwatch/low", "spamshield/low"]);
    expect(await titles("unread=true")).toEqual(["darkwatch/low", "darkwatch/critical"]);
  });

  it("shows one alert in full with its delivery record", async () => {
    const userId = uniqueUserId("kai");
    const id = await publishOne(baseUrl, publishSecret, userId, { body: "The full description.", imageUrl: "https://example.com/map.png" });
    const me = await as(userId);
    // The record grows after the publish answers: no socket, so the ladder goes on at once to push
    // (not configured on this server) and email (this made-up account has no address).
    await eventually(async () => (await me.get(`/api/inbox/${id}`)).body.item.deliveries.length === 3);
    const { status, body } = await me.get(`/api/inbox/${id}`);
    expect(status).toBe(200);
    expect(body.item).toMatchObject({ id, body: "The full description.", imageUrl: "https://example.com/map.png" });
    expect(body.item.deliveries).toEqual([
      { channel: "websocket", status: "skipped", at: expect.any(String), detail: "no_live_socket" },
      { channel: "push", status: "skipped", at: expect.any(String), detail: "push_not_configured" },
      { channel: "email", status: "skipped", at: expect.any(String), detail: "no_email_address" },
    ]);
    // Nothing more will be recorded: the detail view stops reading it again.
    expect(body.item.escalation).toBeNull();
  });

  it("says where the ladder is with an alert it has not finished: a tab got it and has not acknowledged it", async () => {
    const userId = uniqueUserId("kit");
    const me = await as(userId);
    const tab = await me.socket(); // acks only when told to
    const id = await publishOne(baseUrl, publishSecret, userId);
    const { body } = await me.get(`/api/inbox/${id}`);
    // The ack window (10 s by default) runs from the alert's creation; push is next when it is up.
    const dueIn = Date.parse(body.item.escalation.dueAt) - Date.parse(body.item.createdAt);
    expect(body.item.escalation.step).toBe("socket");
    expect(dueIn).toBe(10_000);
    await tab.waitFor("alert");
    tab.sendRaw(JSON.stringify({ type: "ack", id }));
    await eventually(async () => (await me.get(`/api/inbox/${id}`)).body.item.escalation === null);
  });

  it("marking one read, archiving, and mark-all-read update every tab's badge", async () => {
    const userId = uniqueUserId("lea");
    const ids = [await publishOne(baseUrl, publishSecret, userId), await publishOne(baseUrl, publishSecret, userId), await publishOne(baseUrl, publishSecret, userId)];
    const me = await as(userId);
    const tab1 = await me.socket();
    const tab2 = await me.socket();
    const nextUnread = (tab: TestSocket, count: number) => tab.waitFor("unread", 2000, (frame) => frame.unreadCount === count);

    const read = await me.patch(`/api/inbox/${ids[0]}`, { read: true });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unreadCount: 2, cursor: 3, item: { id: ids[0], readAt: expect.any(String) } });
    await Promise.all([nextUnread(tab1, 2), nextUnread(tab2, 2)]);

    const archived = await me.patch(`/api/inbox/${ids[1]}`, { archived: true });
    expect(archived.body).toMatchObject({ unreadCount: 1, item: { archivedAt: expect.any(String) } });
    expect((await me.get("/api/inbox")).body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[0]]);
    expect((await me.get("/api/inbox?archived=true")).body.items.map((item: { id: string }) => item.id)).toEqual([ids[1]]);

    const unreadAgain = await me.patch(`/api/inbox/${ids[0]}`, { read: false });
    expect(unreadAgain.body.unreadCount).toBe(2);

    const all = await me.post("/api/inbox/read-all", { upTo: 3 });
    expect(all.body).toEqual({ marked: 2, unreadCount: 0, cursor: 3 });
    await Promise.all([nextUnread(tab1, 0), nextUnread(tab2, 0)]);
    expect((await me.get("/api/inbox/unread")).body).toEqual({ unreadCount: 0, cursor: 3 });
  });

  it("mark-all-read with upTo leaves an alert that arrived after the click unread", async () => {
    const userId = uniqueUserId("max");
    await publishOne(baseUrl, publishSecret, userId);
    await publishOne(baseUrl, publishSecret, userId);
    const me = await as(userId);
    await publishOne(baseUrl, publishSecret, userId); // arrives while the user is clicking "mark all read" for what they saw (seq ≤ 2)
    expect((await me.post("/api/inbox/read-all", { upTo: 2 })).body).toEqual({ marked: 2, unreadCount: 1, cursor: 3 });
  });

  it("a user can never see or change another user's alert: 404, same as a missing one", async () => {
    const bobsAlert = await publishOne(baseUrl, publishSecret, uniqueUserId("bob"));
    const eve = await as(uniqueUserId("eve"));
    for (const response of [
      await eve.get(`/api/inbox/${bobsAlert}`),
      await eve.patch(`/api/inbox/${bobsAlert}`, { read: true }),
      await eve.get("/api/inbox/01NOTANALERT0000000000000"),
      await eve.get("/api/inbox/..%2F..%2Fetc"),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("not_found");
    }
    expect((await eve.get("/api/inbox")).body.items).toEqual([]);
  });

  it("bad queries and bodies get 400s that name the problem; no session gets 401", async () => {
    const me = await as(uniqueUserId("ned"));
    const badQuery = await me.get("/api/inbox?limit=500&service=myspace&sneaky=1");
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.code).toBe("invalid_query");
    expect(badQuery.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["(root)", "limit", "service"]);
    const id = await publishOne(baseUrl, publishSecret, "ned-other");
    expect((await me.patch(`/api/inbox/${id}`, {})).status).toBe(400);
    expect((await me.patch(`/api/inbox/${id}`, { read: "yes" })).status).toBe(400);
    expect((await me.post("/api/inbox/read-all", { upTo: -1 })).status).toBe(400);

    for (const [method, path] of [
      ["GET", "/api/inbox"],
      ["GET", "/api/inbox/unread"],
      ["GET", `/api/inbox/${id}`],
      ["POST", "/api/inbox/read-all"],
    ]) {
      const response = await fetch(new URL(path!, baseUrl), { method, headers: { "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});
