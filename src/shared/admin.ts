/**
 * What the operators' dashboard sees: each server's figures (sent every 5 s as a `stats`
 * frame and in the first-paint snapshot) and each thing that happened (an `event` frame).
 * Shared by the server that computes them, the browser that draws them and the tests.
 * Channels and statuses are plain strings so a channel added later parses without a change here.
 */
import { z } from "zod";

/** How often each server reports its figures. */
export const STATS_INTERVAL_MS = 5000;
/** The alerts-per-second chart: buckets of this width covering the last 10 minutes. */
export const SERIES_BUCKET_MS = 5000;
export const SERIES_BUCKETS = 120;

/**
 * Upper bounds (ms) of the latency histogram's buckets; the last bucket is everything above.
 * Roughly ×1.5 steps: fine enough for a p50/p99 read-out, mergeable across servers.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000,
  15_000, 30_000, 60_000, 120_000, 300_000,
];

const count = z.number().int().nonnegative();

export const ChannelCountsSchema = z.object({ delivered: count, skipped: count, failed: count });
export type ChannelCounts = z.infer<typeof ChannelCountsSchema>;

export const ServerStatsSchema = z.object({
  serverId: z.string(),
  at: z.iso.datetime(),
  startedAt: z.iso.datetime(),
  bus: z.string(),
  store: z.string(),
  sockets: count,
  usersOnline: count,
  adminSockets: count,
  /** Totals since the server started. */
  published: count,
  fallbacks: count,
  failures: count,
  errors: count,
  /** Event frames not sent to dashboards because more than the cap happened in a second. */
  eventsDropped: count,
  deliveries: z.record(z.string(), ChannelCountsSchema),
  /** Alerts accepted per SERIES_BUCKET_MS bucket, oldest first; the last bucket starts at `seriesEndsAt`. */
  series: z.array(count).max(SERIES_BUCKETS),
  seriesEndsAt: z.number().int().nonnegative(),
  /** Delivered latencies over the last 10 minutes, per LATENCY_BOUNDS_MS bucket (+1 overflow). */
  latency: z.array(count).max(LATENCY_BOUNDS_MS.length + 1),
});
export type ServerStats = z.infer<typeof ServerStatsSchema>;

export const ClusterStatsSchema = z.object({
  at: z.iso.datetime(),
  /** Every server heard from recently, this one first. */
  servers: z.array(ServerStatsSchema),
});
export type ClusterStats = z.infer<typeof ClusterStatsSchema>;

const at = z.iso.datetime();

/** The kinds of event this dashboard knows how to describe. */
export const KnownAdminEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("published"),
    at,
    alert: z.object({ id: z.string(), userId: z.string(), service: z.string(), severity: z.string(), title: z.string(), createdAt: at }),
  }),
  z.object({
    type: z.literal("delivery"),
    at,
    alertId: z.string(),
    userId: z.string(),
    channel: z.string(),
    status: z.string(),
    detail: z.string().nullable(),
    latencyMs: z.number(),
  }),
  z.object({ type: z.literal("connection"), at, userId: z.string(), change: z.enum(["opened", "closed"]), sockets: count }),
  z.object({ type: z.literal("error"), at, source: z.string(), message: z.string() }),
]);
export type KnownAdminEvent = z.infer<typeof KnownAdminEventSchema>;

/** A known event, or a kind added later: still shown, by its type and time. */
export const AdminEventSchema = z.union([KnownAdminEventSchema, z.looseObject({ type: z.string(), at })]);
export type AdminEvent = z.infer<typeof AdminEventSchema>;

/** The event as one of the known kinds, or null for a kind this dashboard does not know. */
export function knownEvent(event: AdminEvent): KnownAdminEvent | null {
  const parsed = KnownAdminEventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/** One event as the dashboard receives it: which server it happened on. */
export const ServerEventSchema = z.object({ serverId: z.string(), event: AdminEventSchema });
export type ServerEvent = z.infer<typeof ServerEventSchema>;

/** GET /api/admin/snapshot: the dashboard's first paint. */
export const AdminSnapshotSchema = z.object({
  serverId: z.string(),
  stats: ClusterStatsSchema,
  /** Recent events, oldest first. */
  events: z.array(ServerEventSchema),
});
export type AdminSnapshot = z.infer<typeof AdminSnapshotSchema>;

export interface ClusterTotals {
  servers: number;
  sockets: number;
  usersOnline: number;
  published: number;
  fallbacks: number;
  failures: number;
  errors: number;
  deliveries: Record<string, ChannelCounts>;
  /** Alerts per second per bucket, summed over servers, oldest first (SERIES_BUCKETS long). */
  alertsPerSecond: number[];
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
}

/** The cluster's figures from each server's: sums, and percentiles from the merged histogram. */
export function clusterTotals(servers: readonly ServerStats[]): ClusterTotals {
  const deliveries: Record<string, ChannelCounts> = {};
  const latency = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  const newestEnd = Math.max(0, ...servers.map((server) => server.seriesEndsAt));
  const series = new Array<number>(SERIES_BUCKETS).fill(0);
  for (const server of servers) {
    for (const [channel, counts] of Object.entries(server.deliveries)) {
      const sum = (deliveries[channel] ??= { delivered: 0, skipped: 0, failed: 0 });
      sum.delivered += counts.delivered;
      sum.skipped += counts.skipped;
      sum.failed += counts.failed;
    }
    server.latency.forEach((value, index) => (latency[index]! += value));
    // Align on bucket start times: a server that reported a bucket earlier is shifted left.
    const shift = Math.round((newestEnd - server.seriesEndsAt) / SERIES_BUCKET_MS);
    const offset = SERIES_BUCKETS - server.series.length - shift;
    server.series.forEach((value, index) => {
      const slot = offset + index;
      if (slot >= 0 && slot < SERIES_BUCKETS) series[slot]! += value;
    });
  }
  const sum = (pick: (server: ServerStats) => number) => servers.reduce((total, server) => total + pick(server), 0);
  return {
    servers: servers.length,
    sockets: sum((s) => s.sockets),
    usersOnline: sum((s) => s.usersOnline),
    published: sum((s) => s.published),
    fallbacks: sum((s) => s.fallbacks),
    failures: sum((s) => s.failures),
    errors: sum((s) => s.errors),
    deliveries,
    alertsPerSecond: series.map((value) => value / (SERIES_BUCKET_MS / 1000)),
    latencyP50Ms: percentileFromHistogram(latency, 0.5),
    latencyP99Ms: percentileFromHistogram(latency, 0.99),
  };
}

/**
 * The `quantile` (0..1) of a LATENCY_BOUNDS_MS histogram, as the upper bound of the bucket
 * it falls in (so it never under-reports); null when the histogram is empty.
 * @example percentileFromHistogram([0, 3, 1, ...zeros], 0.5) // 2
 */
export function percentileFromHistogram(histogram: readonly number[], quantile: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(total * quantile));
  let seen = 0;
  for (let index = 0; index < histogram.length; index++) {
    seen += histogram[index]!;
    if (seen >= rank) return LATENCY_BOUNDS_MS[index] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

/** The bucket a latency falls in. */
export function latencyBucket(latencyMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}
