/** The headline figures of the cluster, one tile each. */
import { For } from "solid-js";
import type { ClusterTotals } from "~/shared/admin";

export function StatTiles(props: { totals: ClusterTotals }) {
  const tiles = () => {
    const t = props.totals;
    return [
      { key: "sockets", label: "Live sockets", value: String(t.sockets) },
      { key: "users", label: "Users online", value: String(t.usersOnline) },
      { key: "rate", label: "Alerts/s (last 5 s)", value: (t.alertsPerSecond.at(-2) ?? 0).toFixed(1) },
      { key: "published", label: "Alerts published", value: String(t.published) },
      { key: "p50", label: "Latency p50", value: formatMs(t.latencyP50Ms) },
      { key: "p99", label: "Latency p99", value: formatMs(t.latencyP99Ms) },
      { key: "fallbacks", label: "Fallbacks", value: String(t.fallbacks) },
      { key: "failures", label: "Failures", value: String(t.failures), alarm: t.failures > 0 },
      { key: "errors", label: "Errors", value: String(t.errors), alarm: t.errors > 0 },
    ];
  };
  return (
    <dl class="stat-tiles">
      <For each={tiles()}>
        {(tile) => (
          <div class="stat-tile" data-stat={tile.key} data-alarm={tile.alarm ? "true" : undefined}>
            <dt>{tile.label}</dt>
            <dd>{tile.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** "≤ 5 ms": the histogram gives an upper bound, and says so. */
export function formatMs(value: number | null): string {
  if (value === null) return "—";
  if (!Number.isFinite(value)) return "> 300 s";
  return value >= 1000 ? `≤ ${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} s` : `≤ ${value} ms`;
}
