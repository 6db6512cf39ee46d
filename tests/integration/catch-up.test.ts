/**
 * Catch-up over the real socket: a client that was away gets every alert it missed, in
 * order, exactly once, and alerts published during the replay are neither lost nor doubled.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import { post, publishOne, uniqueUserId } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, refusedStatus, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((socket) => socket.close()));
});


async function socketFor(userId: string, after?: number) {
  const socket = await connect(baseUrl, { token: await mintToken(authSecret, userId), after });
  open.push(socket);
  return socket;
}


describe("catching up after a disconnect", () => {
  it("a client that was away while 50 alerts were published gets exactly those 50, in order, then live ones", async () => {
    const userId = uniqueUserId("mia");
    const first = await socketFor(userId);
    await publishOne(baseUrl, publishSecret, userId, { title: "before" });
    const [seen] = await first.waitForAlerts(1);
    await first.close();

    const missed: string[] = [];
    for (let i = 0; i < 50; i++) missed.push(await publishOne(baseUrl, publishSecret, userId, { title: `missed ${i}` }));

    const back = await socketFor(userId, seen!.seq);
    expect(await back.waitFor("synced", 5000)).toEqual({ type: "synced", replayed: 50, cursor: seen!.seq + 50 });
    const replayed = back.alerts();
    expect(replayed.map((alert) => alert.id)).toEqual(missed);
    expect(replayed.map((alert) => alert.seq)).toEqual(missed.map((_, i) => seen!.seq + 1 + i));
    expect(back.frames.filter((frame) => frame.type === "alert").every((frame) => frame.type === "alert" && frame.replayed)).toBe(true);

    const live = await publishOne(baseUrl, publishSecret, userId, { title: "live again" });
    const all = await back.waitForAlerts(51);
    expect(all.at(-1)!.id).toBe(live);
  });

  it("a first connection without a cursor gets the unread ones, oldest first, and hello counts them", async () => {
    const userId = uniqueUserId("noah");
    const ids = [await publishOne(baseUrl, publishSecret, userId, { title: "one" }), await publishOne(baseUrl, publishSecret, userId, { title: "two" }), await publishOne(baseUrl, publishSecret, userId, { title: "three" })];
    const token = await mintToken(authSecret, userId);
    const patch = await fetch(new URL(`/api/inbox/${ids[1]}`, baseUrl), {
      method: "PATCH",
      headers: { cookie: `auth_token=${token}`, "content-type": "application/json" },
      body: JSON.stringify({ read: true }),
    });
    expect(patch.status).toBe(200);

    const socket = await socketFor(userId);
    expect(await socket.waitFor("hello")).toMatchObject({ unreadCount: 2, cursor: 3 });
    expect(await socket.waitFor("synced")).toMatchObject({ replayed: 2, cursor: 3 });
    expect(socket.alerts().map((alert) => alert.id)).toEqual([ids[0], ids[2]]);
  });

  it("200 alerts published concurrently while the client is mid-replay arrive exactly once each, in seq order", async () => {
    const userId = uniqueUserId("olga");
    // A backlog of many pages, so the replay is still running when the burst lands.
    const backlog = 2000;
    const group = Array.from({ length: 100 }, () => userId);
    for (let start = 0; start < backlog; start += 100) {
      // Repeated ids in a group are one member, so publish the backlog in parallel single sends.
      await Promise.all(group.map((_, i) => publishOne(baseUrl, publishSecret, userId, { title: `backlog ${start + i}` })));
    }
    // The burst and the reconnect start together, so publishes land before, during and after the replay.
    const [socket, burst] = await Promise.all([
      socketFor(userId, 0),
      Promise.all(Array.from({ length: 200 }, (_, i) => publishOne(baseUrl, publishSecret, userId, { title: `burst ${i}` }))),
    ]);

    const received = await socket.waitForAlerts(backlog + 200, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything doubled would show up by now
    const all = socket.alerts();
    expect(all).toHaveLength(backlog + 200);
    expect(new Set(all.map((alert) => alert.id)).size).toBe(backlog + 200);
    expect(all.map((alert) => alert.seq)).toEqual(Array.from({ length: backlog + 200 }, (_, i) => i + 1));
    expect(burst.every((id) => received.some((alert) => alert.id === id))).toBe(true);
    expect(socket.frames.filter((frame) => frame.type === "synced")).toHaveLength(1);
    // The burst really overlapped the replay: some of it was read back from the store by the catch-up.
    const burstIds = new Set(burst);
    const burstFrames = socket.frames.filter((frame) => frame.type === "alert" && burstIds.has(frame.alert.id));
    expect(burstFrames.some((frame) => frame.type === "alert" && frame.replayed)).toBe(true);
  });

  it("two tabs resuming from different cursors each get exactly what they lack", async () => {
    const userId = uniqueUserId("pia");
    for (let i = 0; i < 5; i++) await publishOne(baseUrl, publishSecret, userId, { title: `n${i}` });
    const behind = await socketFor(userId, 1);
    const ahead = await socketFor(userId, 4);
    await behind.waitFor("synced");
    await ahead.waitFor("synced");
    expect(behind.alerts().map((alert) => alert.seq)).toEqual([2, 3, 4, 5]);
    expect(ahead.alerts().map((alert) => alert.seq)).toEqual([5]);
  });

  it("a cursor ahead of the store (it was reset) starts from what the store has, and says so in synced", async () => {
    const userId = uniqueUserId("quin");
    await publishOne(baseUrl, publishSecret, userId, { title: "only one" });
    const socket = await socketFor(userId, 9999);
    expect(await socket.waitFor("synced")).toMatchObject({ replayed: 0, cursor: 1 });
    await publishOne(baseUrl, publishSecret, userId, { title: "next" });
    expect((await socket.waitForAlerts(1))[0]!.seq).toBe(2);
  });

  it("a malformed cursor is refused with 400 before the upgrade", async () => {
    const token = await mintToken(authSecret, uniqueUserId("rex"));
    for (const after of ["-1", "abc", "1.5", "9".repeat(20)]) {
      expect(await refusedStatus(baseUrl, { token, after }), after).toBe(400);
    }
  });
});
