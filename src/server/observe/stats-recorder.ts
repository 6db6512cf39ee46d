/**
 * This server's figures for the dashboard, kept from the event hub: totals since start,
 * alerts per 5-second bucket for the last 10 minutes, and a latency histogram per minute
 * for the last 10 minutes. Constant memory whatever the traffic.
 */
import {
  type ChannelCounts,
  LATENCY_BOUNDS_MS,
  latencyBucket,
  SERIES_BUCKET_MS,
  SERIES_BUCKETS,
  type ServerStats,
} from "../../shared/admin";
import type { OutcomeInfo } from "./alert-outcomes";
import type { BeaconEvent } from "./events";

const LATENCY_SLOT_MS = 60_000;
const LATENCY_SLOTS = 10;

export interface LiveFigures {
  serverId: string;
  startedAt: Date;
  bus: string;
  store: string;
  sockets: number;
  usersOnline: number;
  adminSockets: number;
  eventsDropped: number;
}

export function createStatsRecorder(now: () => number = Date.now) {
  let published = 0;
  let fallbacks = 0;
  let failures = 0;
  let errors = 0;
  const deliveries: Record<string, ChannelCounts> = {};
  const series = new RollingCounts(SERIES_BUCKET_MS, SERIES_BUCKETS, () => 0);
  const latency = new RollingCounts(LATENCY_SLOT_MS, LATENCY_SLOTS, () => new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0));

  return {
    record(event: BeaconEvent, outcome: OutcomeInfo | null): void {
      switch (event.type) {
        case "published":
          published++;
          series.update(now(), (count) => count + 1);
          break;
        case "delivery": {
          const counts = (deliveries[event.channel] ??= { delivered: 0, skipped: 0, failed: 0 });
          // A status added later (an ack, say) is not one of the three columns: leave the counts valid.
          if (event.status === "delivered" || event.status === "skipped" || event.status === "failed") counts[event.status]++;
          if (event.status === "failed") failures++;
          if (event.status === "delivered") {
            if (outcome?.escalated) fallbacks++;
            const bucket = latencyBucket(event.latencyMs);
            latency.update(now(), (histogram) => {
              histogram[bucket]!++;
              return histogram;
            });
          }
          break;
        }
        case "error":
          errors++;
          break;
      }
    },

    snapshot(live: LiveFigures): ServerStats {
      const at = now();
      const histogram = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
      for (const slot of latency.values(at)) slot.forEach((value, index) => (histogram[index]! += value));
      return {
        serverId: live.serverId,
        at: new Date(at).toISOString(),
        startedAt: live.startedAt.toISOString(),
        bus: live.bus,
        store: live.store,
        sockets: live.sockets,
        usersOnline: live.usersOnline,
        adminSockets: live.adminSockets,
        published,
        fallbacks,
        failures,
        errors,
        eventsDropped: live.eventsDropped,
        deliveries: structuredClone(deliveries),
        series: series.values(at),
        seriesEndsAt: series.currentStart(at),
        latency: histogram,
      };
    },
  };
}

/** A ring of `size` buckets `widthMs` wide, aligned on the epoch so servers' buckets line up. */
class RollingCounts<T> {
  readonly #slots: Array<{ start: number; value: T }> = [];

  constructor(
    readonly widthMs: number,
    readonly size: number,
    readonly empty: () => T,
  ) {}

  currentStart(at: number): number {
    return Math.floor(at / this.widthMs) * this.widthMs;
  }

  update(at: number, change: (value: T) => T): void {
    const start = this.currentStart(at);
    const index = (start / this.widthMs) % this.size;
    const slot = this.#slots[index];
    if (!slot || slot.start !== start) this.#slots[index] = { start, value: change(this.empty()) };
    else slot.value = change(slot.value);
  }

  /** Oldest first, `size` long; buckets nothing happened in (or too old) are empty. */
  values(at: number): T[] {
    const newest = this.currentStart(at);
    const result: T[] = [];
    for (let step = this.size - 1; step >= 0; step--) {
      const start = newest - step * this.widthMs;
      const slot = this.#slots[(start / this.widthMs) % this.size];
      result.push(slot && slot.start === start ? slot.value : this.empty());
    }
    return result;
  }
}
