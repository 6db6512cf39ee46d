import { describe, expect, it } from "vitest";
import { clusterTotals, LATENCY_BOUNDS_MS, latencyBucket, percentileFromHistogram, SERIES_BUCKET_MS, SERIES_BUCKETS, type ServerStats } from "~/shared/admin";
import { parseServerFrame } from "~/shared/protocol";

function histogram(entries: Record<number, number>): number[] {
  const counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  for (const [latency, count] of Object.entries(entries)) counts[latencyBucket(Number(latency))]! += count;
  return counts;
}

function server(serverId: string, overrides: Partial<ServerStats> = {}): ServerStats {
  return {
    serverId,
    at: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    bus: "redis",
    store: "postgres",
    sockets: 0,
    usersOnline: 0,
    adminSockets: 0,
    published: 0,
    fallbacks: 0,
    failures: 0,
    errors: 0,
    eventsDropped: 0,
    deliveries: {},
    series: new Array(SERIES_BUCKETS).fill(0),
    seriesEndsAt: 1_000_000 * SERIES_BUCKET_MS,
    latency: histogram({}),
    ...overrides,
  };
}

describe("dashboard figures", () => {
  it("percentiles come from the histogram as the upper bound of the bucket, never less than the truth", () => {
    expect(percentileFromHistogram(histogram({}), 0.5)).toBeNull();
    const h = histogram({ 3: 50, 40: 49, 2500: 1 });
    expect(percentileFromHistogram(h, 0.5)).toBe(3);
    expect(percentileFromHistogram(h, 0.99)).toBe(50);
    expect(percentileFromHistogram(h, 1)).toBe(3000);
    expect(percentileFromHistogram(histogram({ 1_000_000: 1 }), 0.5)).toBe(Number.POSITIVE_INFINITY);
  });

  it("the cluster sums servers, lining up chart buckets by time even when one server reported a bucket earlier", () => {
    const end = 1_000_000 * SERIES_BUCKET_MS;
    const a = server("a", { sockets: 3, series: [...new Array(SERIES_BUCKETS - 1).fill(0), 10], seriesEndsAt: end });
    // b's last report is one bucket older: its last bucket is a's second to last.
    const b = server("b", { sockets: 2, series: [...new Array(SERIES_BUCKETS - 1).fill(0), 5], seriesEndsAt: end - SERIES_BUCKET_MS });
    const totals = clusterTotals([a, b]);
    expect(totals.sockets).toBe(5);
    expect(totals.alertsPerSecond).toHaveLength(SERIES_BUCKETS);
    expect(totals.alertsPerSecond.at(-1)).toBe(10 / 5);
    expect(totals.alertsPerSecond.at(-2)).toBe(5 / 5);
  });

  it("stats and event frames parse on the client; an event of a kind added later still parses", () => {
    const stats = parseServerFrame(JSON.stringify({ type: "stats", at: new Date().toISOString(), servers: [server("a")] }));
    expect(stats?.type).toBe("stats");
    const later = parseServerFrame(JSON.stringify({ type: "event", serverId: "a", event: { type: "ack", at: new Date().toISOString(), alertId: "x" } }));
    expect(later).toMatchObject({ type: "event", event: { type: "ack", alertId: "x" } });
    expect(parseServerFrame(JSON.stringify({ type: "stats", servers: "nope" }))).toBeNull();
  });
});
