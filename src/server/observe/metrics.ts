/**
 * Prometheus metrics for GET /metrics, kept from the event hub plus gauges read at scrape
 * time. Each server exposes its own figures (scrape each one; `server_id` tells them apart).
 * Node's default metrics come along, event-loop lag (nodejs_eventloop_lag_*) among them.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { OutcomeInfo } from "./alert-outcomes";
import type { BeaconEvent } from "./events";

export interface GaugeSources {
  sockets(): number;
  usersOnline(): number;
}

export interface BeaconMetrics {
  readonly registry: Registry;
  record(event: BeaconEvent, outcome: OutcomeInfo | null): void;
  /** The text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(options: { serverId: string; bus: string; store: string; gauges: GaugeSources }): BeaconMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ server_id: options.serverId });
  collectDefaultMetrics({ register: registry });

  const { gauges } = options;
  new Gauge({
    name: "beacon_sockets",
    help: "Open /ws/alerts sockets on this server.",
    registers: [registry],
    collect() {
      this.set(gauges.sockets());
    },
  });
  new Gauge({
    name: "beacon_users_online",
    help: "Distinct users with at least one open socket on this server.",
    registers: [registry],
    collect() {
      this.set(gauges.usersOnline());
    },
  });
  new Gauge({
    name: "beacon_info",
    help: "Which bus and store this server runs on (always 1).",
    labelNames: ["bus", "store"],
    registers: [registry],
  }).set({ bus: options.bus, store: options.store }, 1);

  const published = new Counter({
    name: "beacon_alerts_published_total",
    help: "Alerts accepted (stored) by this server.",
    labelNames: ["service", "severity"],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "beacon_deliveries_total",
    help: "Delivery outcomes by channel: delivered, skipped (did not apply) or failed.",
    labelNames: ["service", "channel", "status"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "beacon_delivery_latency_seconds",
    help: "From an alert being accepted to a channel delivering it.",
    labelNames: ["channel"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const escalations = new Counter({
    name: "beacon_ladder_escalations_total",
    help: "Outcomes on a channel tried because an earlier channel did not deliver the alert.",
    labelNames: ["channel", "status"],
    registers: [registry],
  });
  const connections = new Counter({
    name: "beacon_socket_changes_total",
    help: "Sockets opened and closed.",
    labelNames: ["change"],
    registers: [registry],
  });
  const errors = new Counter({
    name: "beacon_errors_total",
    help: "Failures operators should look at, by where they happened (store, bus, delivery, http, retention).",
    labelNames: ["source"],
    registers: [registry],
  });
  // Present from the first scrape (at 0), so rate() and alerts work before anything fails.
  for (const source of ["store", "bus", "delivery", "http", "retention"]) errors.inc({ source }, 0);

  return {
    registry,
    record(event, outcome) {
      switch (event.type) {
        case "published":
          published.inc({ service: event.alert.service, severity: event.alert.severity });
          break;
        case "delivery": {
          deliveries.inc({ service: outcome?.service ?? "unknown", channel: event.channel, status: event.status });
          if (event.status === "delivered") latency.observe({ channel: event.channel }, event.latencyMs / 1000);
          if (outcome?.escalated) escalations.inc({ channel: event.channel, status: event.status });
          break;
        }
        case "connection":
          connections.inc({ change: event.change });
          break;
        case "error":
          errors.inc({ source: event.source });
          break;
      }
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
