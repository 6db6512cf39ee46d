/** Alerts per second over the last 10 minutes, as a small inline SVG (no chart library). */
import { createMemo } from "solid-js";

const WIDTH = 600;
const HEIGHT = 120;

export function RateChart(props: { perSecond: readonly number[]; bucketSeconds: number }) {
  const peak = createMemo(() => Math.max(0, ...props.perSecond));
  // An idle chart still needs a scale: a flat line along the bottom.
  const scale = () => Math.max(1, peak());
  const points = createMemo(() => {
    const values = props.perSecond;
    const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
    return values.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - (value / scale()) * (HEIGHT - 4)).toFixed(1)}`).join(" ");
  });
  const latest = () => props.perSecond.at(-1) ?? 0;
  return (
    <figure class="rate-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Alerts per second, last 10 minutes; now ${format(latest())}/s, peak ${format(peak())}/s`}>
        <polyline class="rate-chart__area" points={`0,${HEIGHT} ${points()} ${WIDTH},${HEIGHT}`} />
        <polyline class="rate-chart__line" points={points()} />
      </svg>
      <figcaption>
        <span>10 min ago</span>
        <span>
          peak {format(peak())}/s · {props.bucketSeconds}s buckets
        </span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}

function format(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}
