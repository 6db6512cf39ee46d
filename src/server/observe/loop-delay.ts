/**
 * Event-loop delay of this process (perf_hooks histogram, 10 ms resolution): the figure that
 * shows a reconnect storm or a big fan-out stalling the server. Read through GET /api/stats.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface LoopDelay {
  /** Milliseconds since start or the last reset: p50, p99, max. */
  read(): { p50: number; p99: number; max: number; mean: number };
  reset(): void;
}

export function watchEventLoopDelay(): LoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (nanoseconds: number) => Math.round((Number.isFinite(nanoseconds) ? nanoseconds : 0) / 1e4) / 100;
  return {
    read: () => ({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) }),
    reset: () => histogram.reset(),
  };
}
