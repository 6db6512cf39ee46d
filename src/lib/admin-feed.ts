/**
 * The operators' dashboard state, as a plain `make*` (no Solid cleanup owned, testable alone):
 * the HTTP snapshot first, then `stats` frames replace the figures and `event` frames are
 * prepended to the list and counted on top of the last figures until the next `stats` frame.
 */
import { createSignal } from "solid-js";
import { type AdminSnapshot, AdminSnapshotSchema, knownEvent, type ClusterStats, clusterTotals, type ClusterTotals, type ServerEvent } from "~/shared/admin";
import type { EventFrame, StatsFrame } from "~/shared/protocol";

/** Events the list keeps (newest first). */
export const ADMIN_EVENT_LIMIT = 500;

export type AdminFeedStatus = "loading" | "ready" | "forbidden" | "unauthorized" | "error";

export async function fetchAdminSnapshot(): Promise<{ status: AdminFeedStatus; snapshot?: AdminSnapshot }> {
  let response: Response;
  try {
    response = await fetch("/api/admin/snapshot", { credentials: "same-origin", headers: { accept: "application/json" } });
  } catch {
    return { status: "error" };
  }
  if (response.status === 403) return { status: "forbidden" };
  if (response.status === 401) return { status: "unauthorized" };
  if (!response.ok) return { status: "error" };
  const parsed = AdminSnapshotSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? { status: "ready", snapshot: parsed.data } : { status: "error" };
}

interface LiveDelta {
  published: number;
  failures: number;
  errors: number;
  deliveries: Record<string, { delivered: number; skipped: number; failed: number }>;
}

const noDelta = (): LiveDelta => ({ published: 0, failures: 0, errors: 0, deliveries: {} });

export function makeAdminFeed() {
  const [status, setStatus] = createSignal<AdminFeedStatus>("loading");
  const [stats, setStats] = createSignal<ClusterStats | null>(null);
  const [events, setEvents] = createSignal<readonly ServerEvent[]>([]);
  const [delta, setDelta] = createSignal<LiveDelta>(noDelta());
  const [lastUpdateAt, setLastUpdateAt] = createSignal<number | null>(null);

  function addEvent(entry: ServerEvent): void {
    setEvents((list) => [entry, ...list].slice(0, ADMIN_EVENT_LIMIT));
    const event = knownEvent(entry.event);
    if (!event) return;
    setDelta((current) => {
      const next = { ...current, deliveries: { ...current.deliveries } };
      if (event.type === "published") next.published++;
      else if (event.type === "error") next.errors++;
      else if (event.type === "delivery") {
        const counts = { ...(next.deliveries[event.channel] ?? { delivered: 0, skipped: 0, failed: 0 }) };
        if (event.status === "delivered" || event.status === "skipped" || event.status === "failed") counts[event.status]++;
        if (event.status === "failed") next.failures++;
        next.deliveries[event.channel] = counts;
      }
      return next;
    });
    setLastUpdateAt(Date.now());
  }

  /** The cluster's figures plus what happened since they were taken. */
  function totals(): ClusterTotals | null {
    const current = stats();
    if (!current) return null;
    const base = clusterTotals(current.servers);
    const live = delta();
    const deliveries = structuredClone(base.deliveries);
    for (const [channel, counts] of Object.entries(live.deliveries)) {
      const sum = (deliveries[channel] ??= { delivered: 0, skipped: 0, failed: 0 });
      sum.delivered += counts.delivered;
      sum.skipped += counts.skipped;
      sum.failed += counts.failed;
    }
    return {
      ...base,
      published: base.published + live.published,
      failures: base.failures + live.failures,
      errors: base.errors + live.errors,
      deliveries,
    };
  }

  return {
    status,
    stats,
    events,
    totals,
    lastUpdateAt,
    load(result: { status: AdminFeedStatus; snapshot?: AdminSnapshot }): void {
      setStatus(result.status);
      if (!result.snapshot) return;
      setStats(result.snapshot.stats);
      setDelta(noDelta());
      // The snapshot lists oldest first; the dashboard shows newest first. Frames that arrived meanwhile stay on top.
      setEvents((live) => [...live, ...[...result.snapshot!.events].reverse()].slice(0, ADMIN_EVENT_LIMIT));
    },
    receive(frame: StatsFrame | EventFrame): void {
      if (frame.type === "stats") {
        const { type: _type, ...cluster } = frame;
        setStats(cluster);
        setDelta(noDelta());
        setLastUpdateAt(Date.now());
      } else {
        addEvent({ serverId: frame.serverId, event: frame.event });
      }
    },
  };
}

export type AdminFeedState = ReturnType<typeof makeAdminFeed>;
