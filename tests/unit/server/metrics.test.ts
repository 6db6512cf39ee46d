import { describe, expect, it } from "vitest";
import { createOutcomeTracker } from "~/server/observe/alert-outcomes";
import type { BeaconEvent } from "~/server/observe/events";
import { createMetrics } from "~/server/observe/metrics";

const at = () => new Date().toISOString();

function metricsFed(events: BeaconEvent[]) {
  const metrics = createMetrics({ serverId: "one", bus: "memory", store: "sqlite", gauges: { sockets: () => 7, usersOnline: () => 3 } });
  const outcomes = createOutcomeTracker();
  for (const event of events) metrics.record(event, outcomes.observe(event));
  return metrics;
}

describe("Prometheus metrics", () => {
  it("count a ladder escalation when a later channel acts on an alert the socket did not deliver, labelled by service", async () => {
    const published: BeaconEvent = {
      type: "published",
      at: at(),
      alert: { id: "a1", userId: "bob", service: "hometitle", severity: "critical", title: "Deed change", createdAt: at() },
    };
    const delivery = (channel: "websocket" | "push" | "email", status: "delivered" | "skipped" | "failed"): BeaconEvent => ({
      type: "delivery",
      at: at(),
      alertId: "a1",
      userId: "bob",
      channel,
      status,
      detail: null,
      latencyMs: 250,
    });
    const metrics = metricsFed([published, delivery("websocket", "skipped"), delivery("push", "failed"), delivery("email", "delivered")]);
    const { body, contentType } = await metrics.render();

    expect(contentType).toContain("text/plain");
    expect(body).toContain('beacon_alerts_published_total{service="hometitle",severity="critical",server_id="one"} 1');
    expect(body).toContain('beacon_deliveries_total{service="hometitle",channel="websocket",status="skipped",server_id="one"} 1');
    expect(body).toContain('beacon_ladder_escalations_total{channel="push",status="failed",server_id="one"} 1');
    expect(body).toContain('beacon_ladder_escalations_total{channel="email",status="delivered",server_id="one"} 1');
    expect(body).not.toContain('beacon_ladder_escalations_total{channel="websocket"');
    expect(body).toContain('beacon_delivery_latency_seconds_bucket{le="0.25",server_id="one",channel="email"} 1');
    expect(body).toContain('beacon_sockets{server_id="one"} 7');
    expect(body).toContain('beacon_users_online{server_id="one"} 3');
  });

  it("a socket delivery at the first rung is not an escalation, and errors are counted by source", async () => {
    const metrics = metricsFed([
      { type: "published", at: at(), alert: { id: "a2", userId: "x", service: "darkwatch", severity: "low", title: "t", createdAt: at() } },
      { type: "delivery", at: at(), alertId: "a2", userId: "x", channel: "websocket", status: "delivered", detail: "1 socket(s)", latencyMs: 3 },
      { type: "error", at: at(), source: "store", message: "could not record a delivery attempt" },
    ]);
    const { body } = await metrics.render();
    expect(body).not.toMatch(/^beacon_ladder_escalations_total\{/m);
    expect(body).toContain('beacon_errors_total{source="store",server_id="one"} 1');
    expect(body).toContain('beacon_errors_total{source="bus",server_id="one"} 0');
  });

  it("a socket delivery nobody acknowledged escalates to push; acks and retries are counted but are not escalations", async () => {
    const event = (status: "delivered" | "acknowledged" | "unacknowledged" | "retrying", channel: "websocket" | "push"): BeaconEvent => ({
      type: "delivery",
      at: at(),
      alertId: "a3",
      userId: "bob",
      channel,
      status,
      detail: null,
      latencyMs: 10_000,
    });
    const metrics = metricsFed([
      { type: "published", at: at(), alert: { id: "a3", userId: "bob", service: "darkwatch", severity: "high", title: "t", createdAt: at() } },
      event("delivered", "websocket"),
      event("unacknowledged", "websocket"),
      event("retrying", "push"),
      event("delivered", "push"),
      event("acknowledged", "push"),
    ]);
    const { body } = await metrics.render();
    expect(body).toContain('beacon_ladder_escalations_total{channel="push",status="delivered",server_id="one"} 1');
    expect(body).not.toContain('beacon_ladder_escalations_total{channel="push",status="retrying"');
    expect(body).not.toContain('beacon_ladder_escalations_total{channel="push",status="acknowledged"');
    expect(body).toContain('beacon_deliveries_total{service="darkwatch",channel="websocket",status="unacknowledged",server_id="one"} 1');
    expect(body).toContain('beacon_deliveries_total{service="darkwatch",channel="push",status="acknowledged",server_id="one"} 1');
  });
});
