import { describe, expect, it } from "vitest";
import { createOutcomeTracker } from "~/server/observe/alert-outcomes";
import type { BeaconEvent } from "~/server/observe/events";

const at = "2026-11-29T12:00:00.000Z";
const published = (id: string, service = "darkwatch"): BeaconEvent => ({
  type: "published",
  at,
  alert: { id, userId: "ann", service: service as "darkwatch", severity: "high", title: "t", createdAt: at },
});
const delivery = (alertId: string, status: "delivered" | "skipped"): BeaconEvent => ({
  type: "delivery",
  at,
  alertId,
  userId: "ann",
  channel: status === "skipped" ? "websocket" : "push",
  status,
  detail: null,
  latencyMs: 1,
});

describe("outcome tracker", () => {
  it("remembers exactly the most recent `capacity` alerts, forgetting the oldest first", () => {
    const tracker = createOutcomeTracker(3);
    for (const id of ["a", "b", "c", "d", "e"]) tracker.observe(published(id, id === "c" ? "spamshield" : "darkwatch"));

    expect(tracker.observe(delivery("a", "delivered"))?.service).toBe("unknown");
    expect(tracker.observe(delivery("b", "delivered"))?.service).toBe("unknown");
    expect(tracker.observe(delivery("c", "delivered"))?.service).toBe("spamshield");
    expect(tracker.observe(delivery("e", "delivered"))?.service).toBe("darkwatch");
  });

  it("keeps following an alert down the ladder after many newer ones wrapped the ring around", () => {
    const tracker = createOutcomeTracker(4);
    for (let i = 0; i < 10; i++) tracker.observe(published(`old-${i}`));
    tracker.observe(published("x"));
    tracker.observe(delivery("x", "skipped"));
    expect(tracker.observe(delivery("x", "delivered"))).toEqual({ service: "darkwatch", escalated: true });
  });
});
