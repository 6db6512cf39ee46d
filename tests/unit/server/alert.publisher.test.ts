import { describe, expect, it, vi } from "vitest";
import type { DeliveryChannel } from "~/server/channels/types";
import { isBeaconError } from "~/server/errors";
import { createSqliteStore } from "~/server/store/sqlite";
import type { Alert, AlertInput } from "~/shared/alert";
import { eventually } from "../../helpers/eventually";
import { deliveryPolicy } from "~/server/preferences/policy";
import { defaultPreferences } from "~/shared/preferences";
import { alertsOn, framesOn, localBeacon } from "./local-beacon";

const breach: AlertInput = {
  service: "darkwatch",
  severity: "critical",
  title: "Your email was exposed in the MegaShop breach",
  body: "Change your MegaShop password now.",
  actionUrl: "/dashboard?service=darkwatch",
};

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const throwingChannel: DeliveryChannel = {
  name: "push",
  async deliver() {
    throw new Error("push provider is down");
  },
};

describe("publishing an alert to one user", () => {
  it("a user with two tabs gets the alert in both, and the report says delivered_live", async () => {
    const { publisher, connect } = localBeacon();
    const tab1 = await connect("alice");
    const tab2 = await connect("alice");

    const report = await publisher.publishAlert("alice", breach);

    expect(report).toMatchObject({ userId: "alice", status: "delivered_live", channel: "websocket" });
    expect(report.attempts).toEqual([{ channel: "websocket", status: "delivered", at: expect.any(String), detail: "2 socket(s)" }]);
    for (const tab of [tab1, tab2]) {
      expect(alertsOn(tab)).toEqual([{ ...breach, id: report.alertId, userId: "alice", createdAt: expect.any(String), seq: 1 }]);
    }
  });

  it("other users' sockets never see the alert", async () => {
    const { publisher, connect } = localBeacon();
    await connect("alice");
    const bobTab = await connect("bob");
    await publisher.publishAlert("alice", breach);
    expect(alertsOn(bobTab)).toEqual([]);
  });

  it("a user with no open socket gets no_live_socket", async () => {
    const { publisher, connect } = localBeacon();
    const bobTab = await connect("bob");
    const report = await publisher.publishAlert("alice", breach);
    expect(report).toMatchObject({ userId: "alice", status: "no_live_socket", channel: null });
    expect(report.attempts).toEqual([{ channel: "websocket", status: "skipped", at: expect.any(String), reason: "no_live_socket" }]);
    expect(alertsOn(bobTab)).toEqual([]);
  });

  it("stamps the alert with a fresh id and the publisher's clock", async () => {
    const at = new Date("2026-03-01T12:00:00.000Z");
    const { publisher, connect } = localBeacon({ now: () => at });
    const tab = await connect("alice");

    const first = await publisher.publishAlert("alice", breach);
    const second = await publisher.publishAlert("alice", breach);
    expect(first.alertId).not.toBe(second.alertId);
    expect(alertsOn(tab).map((alert) => alert.createdAt)).toEqual([at.toISOString(), at.toISOString()]);
  });

  it("trims text fields before delivery", async () => {
    const { publisher, connect } = localBeacon();
    const tab = await connect("alice");
    await publisher.publishAlert("alice", { ...breach, title: "  Padded title  " });
    expect(alertsOn(tab)[0]).toMatchObject({ title: "Padded title" });
  });

  it("an invalid alert is refused with a 400 BeaconError listing what is wrong, and nothing is sent", async () => {
    const { publisher, connect, unread } = localBeacon();
    const tab = await connect("alice");
    const error = await rejection(
      publisher.publishAlert("alice", { ...breach, severity: "apocalyptic", actionUrl: "javascript:alert(1)" } as unknown as AlertInput),
    );

    expect(isBeaconError(error)).toBe(true);
    if (!isBeaconError(error)) return;
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_body");
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: "severity", message: expect.any(String) },
        { path: "actionUrl", message: expect.any(String) },
      ]),
    );
    expect(JSON.stringify(error.details)).not.toContain("javascript:");
    expect(alertsOn(tab)).toEqual([]);
    expect(await unread("alice")).toBe(0);
  });

  it("an invalid user id is refused with a 400 BeaconError", async () => {
    const { publisher } = localBeacon();
    const error = await rejection(publisher.publishAlert("alice bob", breach));
    expect(isBeaconError(error) && error.status).toBe(400);
    expect(isBeaconError(error) && error.details).toEqual([{ path: "(root)", message: expect.any(String) }]);
  });

  it("each alert adds one to the user's unread count", async () => {
    const { publisher, unread, connect } = localBeacon();
    await connect("alice");
    await publisher.publishAlert("alice", breach);
    await publisher.publishAlert("alice", breach);
    await publisher.publishAlert("carol", breach);
    expect(await unread("alice")).toBe(2);
    expect(await unread("carol")).toBe(1);
    expect(await unread("bob")).toBe(0);
  });
});

describe("silent alerts (the user's policy says no toast)", () => {
  // The real policy over Do-Not-Disturb preferences: what the runtime's ladder computes.
  const doNotDisturb = async (alert: Alert) => {
    const policy = deliveryPolicy({ ...defaultPreferences(), doNotDisturb: true }, alert, new Date());
    return policy.toast ? null : (policy.reasons.toast ?? "toast_off");
  };

  it("under Do-Not-Disturb every tab gets the alert as a silent frame, and the record says why", async () => {
    const { publisher, connect } = localBeacon({ silenceReason: doNotDisturb });
    const tabs = [await connect("alice"), await connect("alice")];
    const report = await publisher.publishAlert("alice", { ...breach, severity: "high" });
    for (const tab of tabs) {
      expect(framesOn(tab).filter((frame) => frame.type === "alert")).toEqual([
        { type: "alert", alert: expect.objectContaining({ id: report.alertId }), silent: true },
      ]);
    }
    expect(report.attempts[0]).toMatchObject({ status: "delivered", detail: "2 socket(s), silent: do_not_disturb" });
  });

  it("a critical alert is never silent, Do-Not-Disturb or not", async () => {
    const { publisher, connect } = localBeacon({ silenceReason: doNotDisturb });
    const tab = await connect("alice");
    await publisher.publishAlert("alice", breach);
    const [frame] = framesOn(tab).filter((f) => f.type === "alert");
    expect(frame).not.toHaveProperty("silent");
  });

  it("preferences that cannot be read do not hold the alert back: it goes out with a toast", async () => {
    const { publisher, connect } = localBeacon({ silenceReason: async () => Promise.reject(new Error("preferences store down")) });
    const tab = await connect("alice");
    const report = await publisher.publishAlert("alice", { ...breach, severity: "low" });
    expect(report.status).toBe("delivered_live");
    expect(framesOn(tab).find((f) => f.type === "alert")).not.toHaveProperty("silent");
  });
});

describe("delivery channels that fail", () => {
  it("a channel that throws is reported as failed, and the next channel still delivers", async () => {
    const { publisher, connect } = localBeacon({ channels: (websocket) => [throwingChannel, websocket] });
    const tab = await connect("alice");

    const report = await publisher.publishAlert("alice", breach);

    expect(report.status).toBe("delivered_live");
    expect(report.attempts.map(({ channel, status }) => [channel, status])).toEqual([
      ["push", "failed"],
      ["websocket", "delivered"],
    ]);
    expect(report.attempts[0]).toMatchObject({ reason: "push provider is down" });
    expect(alertsOn(tab)).toHaveLength(1);
  });

  it("when every channel fails the caller gets a failed report, not an exception", async () => {
    const { publisher, unread } = localBeacon({ channels: () => [throwingChannel] });
    const report = await publisher.publishAlert("alice", breach);
    expect(report).toMatchObject({ status: "failed", channel: null, attempts: [{ channel: "push", status: "failed" }] });
    // Still unread: the user sees it in the list next time.
    expect(await unread("alice")).toBe(1);
  });

  it("a user with no socket and a failing fallback is reported as no_live_socket", async () => {
    const { publisher } = localBeacon({ channels: (websocket) => [websocket, throwingChannel] });
    const report = await publisher.publishAlert("alice", breach);
    expect(report.status).toBe("no_live_socket");
    expect(report.attempts.map((a) => a.status)).toEqual(["skipped", "failed"]);
  });
});

describe("publishing to a family group", () => {
  it("each member gets their own copy with a distinct id", async () => {
    const { publisher, connect } = localBeacon();
    const alice = await connect("alice");
    const bob = await connect("bob");

    const reports = await publisher.publishToGroup(["alice", "bob", "carol"], breach);

    expect(reports.map((r) => [r.userId, r.status])).toEqual([
      ["alice", "delivered_live"],
      ["bob", "delivered_live"],
      ["carol", "no_live_socket"],
    ]);
    expect(new Set(reports.map((r) => r.alertId)).size).toBe(3);
    expect(alertsOn(alice)).toEqual([expect.objectContaining({ userId: "alice", id: reports[0].alertId })]);
    expect(alertsOn(bob)).toEqual([expect.objectContaining({ userId: "bob", id: reports[1].alertId })]);
  });

  it("a member listed twice gets the alert once", async () => {
    const { publisher, connect, unread } = localBeacon();
    const alice = await connect("alice");
    const reports = await publisher.publishToGroup(["alice", "bob", "alice"], breach);
    expect(reports.map((r) => r.userId)).toEqual(["alice", "bob"]);
    expect(alertsOn(alice)).toHaveLength(1);
    expect(await unread("alice")).toBe(1);
  });

  it("a group larger than maxGroupSize is refused with 400 and nobody is alerted", async () => {
    const { publisher, connect } = localBeacon({ maxGroupSize: 3 });
    const alice = await connect("alice");
    const error = await rejection(publisher.publishToGroup(["alice", "u1", "u2", "u3"], breach));
    expect(isBeaconError(error) && error.status).toBe(400);
    expect(alertsOn(alice)).toEqual([]);
    await expect(publisher.publishToGroup(["alice", "u1", "u2"], breach)).resolves.toHaveLength(3);
  });

  it("an empty group, or one with an invalid id, is refused with 400 and nobody is alerted", async () => {
    const { publisher, connect } = localBeacon();
    const alice = await connect("alice");
    for (const group of [[], ["alice", "not valid!"]]) {
      const error = await rejection(publisher.publishToGroup(group, breach));
      expect(isBeaconError(error) && error.status, JSON.stringify(group)).toBe(400);
    }
    expect(alertsOn(alice)).toEqual([]);
  });

  it("an invalid alert to a group is refused before anyone gets it", async () => {
    const { publisher, connect, unread } = localBeacon();
    const alice = await connect("alice");
    const error = await rejection(publisher.publishToGroup(["alice"], { ...breach, title: "" }));
    expect(isBeaconError(error) && error.status).toBe(400);
    expect(alertsOn(alice)).toEqual([]);
    expect(await unread("alice")).toBe(0);
  });
});

describe("storing before delivering", () => {
  it("the alert is in the user's inbox before publishAlert returns, and its delivery record follows", async () => {
    const { publisher, store, connect } = localBeacon();
    await connect("alice");
    const report = await publisher.publishAlert("alice", breach);

    const stored = await store.get("alice", report.alertId);
    expect(stored).toMatchObject({ ...breach, id: report.alertId, seq: 1, readAt: null, archivedAt: null });
    await eventually(async () => (await store.get("alice", report.alertId))!.deliveries.length > 0);
    expect((await store.get("alice", report.alertId))?.deliveries).toEqual([
      { channel: "websocket", status: "delivered", at: expect.any(String), detail: "1 socket(s)" },
    ]);
  });

  it("a user with no socket still has the alert stored, waiting for their next connection", async () => {
    const { publisher, store, connect } = localBeacon();
    const report = await publisher.publishAlert("alice", breach);
    await eventually(async () => (await store.get("alice", report.alertId))!.deliveries.length > 0);
    expect((await store.get("alice", report.alertId))?.deliveries).toEqual([
      { channel: "websocket", status: "skipped", at: expect.any(String), detail: "no_live_socket" },
    ]);
    const tab = await connect("alice");
    expect(alertsOn(tab).map((alert) => alert.id)).toEqual([report.alertId]);
  });

  it("when the store refuses the write the caller gets 503 store_unavailable and nobody is alerted", async () => {
    const store = createSqliteStore(":memory:");
    const { publisher, connect } = localBeacon({ store });
    const tab = await connect("alice");
    const insert = vi.spyOn(store, "insert").mockRejectedValue(new Error("disk I/O error"));

    const error = await rejection(publisher.publishAlert("alice", breach));
    expect(isBeaconError(error) && [error.status, error.code, error.headers]).toEqual([503, "store_unavailable", { "retry-after": "1" }]);
    const groupError = await rejection(publisher.publishToGroup(["alice", "bob"], breach));
    expect(isBeaconError(groupError) && groupError.status).toBe(503);
    expect(alertsOn(tab)).toEqual([]);
    insert.mockRestore();
  });

  it("a family group is written in one transaction: one insert call carries every member", async () => {
    const store = createSqliteStore(":memory:");
    const insert = vi.spyOn(store, "insert");
    const { publisher } = localBeacon({ store });
    await publisher.publishToGroup(["alice", "bob", "carol"], breach);
    expect(insert).toHaveBeenCalledTimes(1);
    expect(insert.mock.calls[0]![0].map((alert) => alert.userId)).toEqual(["alice", "bob", "carol"]);
  });

  it("a delivery record that cannot be written does not fail the publish or the delivery", async () => {
    const store = createSqliteStore(":memory:");
    vi.spyOn(store, "recordDeliveries").mockRejectedValue(new Error("locked"));
    const { publisher, connect } = localBeacon({ store });
    const tab = await connect("alice");
    const report = await publisher.publishAlert("alice", breach);
    expect(report.status).toBe("delivered_live");
    expect(alertsOn(tab)).toHaveLength(1);
  });
});
