import { describe, expect, it } from "vitest";
import { describeEvent, eventKind } from "~/components/admin/event-text";
import type { AdminEvent } from "~/shared/admin";

const at = "2026-11-30T13:00:00.000Z";
const delivery = (channel: string, status: string, detail: string | null, latencyMs = 12.4): AdminEvent => ({
  type: "delivery",
  at,
  alertId: "01JDX",
  userId: "alice",
  channel,
  status,
  detail,
  latencyMs,
});

describe("the operators' event list: kind and wording of each event", () => {
  it.each([
    ["a live delivery", delivery("websocket", "delivered", "1 socket(s)"), "delivered", "websocket delivered to alice in 12 ms (1 socket(s))"],
    ["an acknowledgement", delivery("websocket", "acknowledged", "a tab showed it", 230), "acknowledged", "alice acknowledged via websocket after 230 ms (a tab showed it)"],
    ["a push delivery", delivery("push", "delivered", "2 device(s)"), "fallback", "push delivered to alice in 12 ms (2 device(s))"],
    ["a skipped rung", delivery("push", "skipped", "push_not_configured"), "ladder", "push skipped for alice (push_not_configured)"],
    ["a retry", delivery("email", "retrying", "421 try later"), "ladder", "email to alice will be retried (421 try later)"],
    ["no ack in time", delivery("websocket", "unacknowledged", "waited 10 s"), "ladder", "no acknowledgement by alice via websocket in time (waited 10 s)"],
    ["a failure", delivery("email", "failed", "550 no such mailbox"), "failed", "email to alice failed (550 no such mailbox)"],
    // A status added after this dashboard was written is still shown, as it came.
    ["an unknown status", delivery("sms", "queued", null), "other", "sms queued for alice"],
  ])("%s", (_name, event, kind, text) => {
    expect(eventKind(event)).toBe(kind);
    expect(describeEvent(event)).toBe(text);
  });

  it("names the other kinds of event", () => {
    const published: AdminEvent = {
      type: "published",
      at,
      alert: { id: "01JDX", userId: "bob", service: "darkwatch", severity: "high", title: "Password found", createdAt: at },
    };
    expect([eventKind(published), describeEvent(published)]).toEqual(["published", "high darkwatch alert for bob: Password found"]);
    const opened: AdminEvent = { type: "connection", at, userId: "bob", change: "opened", sockets: 2 };
    expect([eventKind(opened), describeEvent(opened)]).toEqual(["connection", "bob opened a socket (2 now)"]);
    const failure: AdminEvent = { type: "error", at, source: "bus", message: "connection lost" };
    expect([eventKind(failure), describeEvent(failure)]).toEqual(["error", "bus error: connection lost"]);
    const unknown: AdminEvent = { type: "rebalanced", at };
    expect([eventKind(unknown), describeEvent(unknown)]).toEqual(["other", "rebalanced"]);
  });
});
