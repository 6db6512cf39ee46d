import { afterEach, describe, expect, inject, it } from "vitest";
import { post, sampleAlert } from "../helpers/publish";
import { mintToken } from "../helpers/tokens";
import { connect, type TestSocket } from "../helpers/ws-client";

const baseUrl = inject("baseUrl");
const authSecret = inject("authSecret");
const publishSecret = inject("publishSecret");
const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function socketFor(userId: string) {
  const socket = await connect(baseUrl, { token: await mintToken(authSecret, userId) });
  open.push(socket);
  return socket;
}

const darkWatchEvent = (userId: string) => ({
  userId,
  breachName: "Acme Leak",
  identifier: { kind: "email", value: `${userId}@example.com` },
  dataClasses: ["email", "password"],
});

describe("alerts reach the right sockets", () => {
  it("a DarkWatch event reaches that user's socket within 1 s, and never another user's", async () => {
    const dana = await socketFor("dana");
    const eve = await socketFor("eve");
    const started = Date.now();
    const response = await post(baseUrl, "/api/services/darkwatch/events", darkWatchEvent("dana"), publishSecret);
    expect(response.status).toBe(202);
    expect(response.body.alerts).toEqual([
      expect.objectContaining({ userId: "dana", status: "delivered_live", channel: "websocket" }),
    ]);

    const frame = await dana.waitFor("alert", 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(frame.alert).toMatchObject({
      id: response.body.alerts[0].alertId,
      userId: "dana",
      service: "darkwatch",
      severity: "critical",
    });
    expect(frame.alert.title).toContain("Acme Leak");
    // The identifier is masked, never shown whole in the alert text.
    expect(JSON.stringify(frame.alert)).not.toContain("dana@example.com");

    await new Promise((r) => setTimeout(r, 200));
    expect(eve.frames.filter((f) => f.type === "alert")).toHaveLength(0);
  });

  it("a user with two tabs gets the alert in both", async () => {
    const tabA = await socketFor("frank");
    const tabB = await socketFor("frank");
    const response = await post(baseUrl, "/api/alerts", { userId: "frank", ...sampleAlert() }, publishSecret);
    expect(response.status).toBe(202);
    const [a, b] = await Promise.all([tabA.waitFor("alert"), tabB.waitFor("alert")]);
    expect(a.alert.id).toBe(b.alert.id);
    expect(a.alert.id).toBe(response.body.alerts[0].alertId);
  });

  it("a family-group alert reaches every member, each with their own alert id", async () => {
    const grace = await socketFor("grace");
    const heidi = await socketFor("heidi");
    const response = await post(baseUrl, "/api/alerts", { userIds: ["grace", "heidi", "ivan"], ...sampleAlert() }, publishSecret);
    expect(response.status).toBe(202);
    const statuses = Object.fromEntries(response.body.alerts.map((a: { userId: string; status: string }) => [a.userId, a.status]));
    expect(statuses).toEqual({ grace: "delivered_live", heidi: "delivered_live", ivan: "no_live_socket" });
    const [g, h] = await Promise.all([grace.waitFor("alert"), heidi.waitFor("alert")]);
    expect(g.alert.userId).toBe("grace");
    expect(h.alert.userId).toBe("heidi");
    expect(g.alert.id).not.toBe(h.alert.id);
  });

  it("publishing to a user with no open socket says so", async () => {
    const response = await post(baseUrl, "/api/alerts", { userId: "nobody-online", ...sampleAlert() }, publishSecret);
    expect(response.status).toBe(202);
    expect(response.body.alerts[0]).toMatchObject({ status: "no_live_socket", channel: null });
  });

  it("every service pipeline publishes through its own rule", async () => {
    const judy = await socketFor("judy");
    const events = {
      voiceprint: { userId: "judy", callId: "c1", callerNumber: "+15555550100", syntheticScore: 0.95 },
      spamshield: { userId: "judy", channel: "call", from: "+15555550101" },
      hometitle: { userId: "judy", propertyId: "p1", address: "1 Main St", changeType: "ownership_transfer" },
      removebrokers: { userId: "judy", brokerName: "DataCo", dataFound: ["address"] },
    };
    const expected = { voiceprint: "high", spamshield: "low", hometitle: "critical", removebrokers: "medium" };
    for (const [service, event] of Object.entries(events)) {
      const response = await post(baseUrl, `/api/services/${service}/events`, event, publishSecret);
      expect(response.status, service).toBe(202);
      const frame = await judy.waitFor("alert", 1000, (f) => f.alert.service === service);
      expect(frame.alert.severity).toBe(expected[service as keyof typeof expected]);
    }
  });

  it("a new tab's hello carries the unread count, and marking read clears the badge in every tab", async () => {
    const token = await mintToken(authSecret, "ken");
    await post(baseUrl, "/api/alerts", { userId: "ken", ...sampleAlert() }, publishSecret);
    await post(baseUrl, "/api/alerts", { userId: "ken", ...sampleAlert() }, publishSecret);
    const tab = await socketFor("ken");
    expect(await tab.waitFor("hello")).toMatchObject({ unreadCount: 2, cursor: 2 });

    const other = await socketFor("ken");
    const response = await post(baseUrl, "/api/inbox/read-all", {}, undefined, { cookie: `auth_token=${token}` });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ marked: 2, unreadCount: 0, cursor: 2 });
    expect(await tab.waitFor("unread")).toMatchObject({ unreadCount: 0, cursor: 2 });
    expect(await other.waitFor("unread")).toMatchObject({ unreadCount: 0, cursor: 2 });
  });
});
