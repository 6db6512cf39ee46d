/**
 * Collects the frames of one step: each (alert, recipient) once, its publish → receive
 * latency, and duplicates. Frames are routed here by the tag in the alert's title, so
 * stragglers from an earlier step never land in a later one.
 */
import { readStamp } from "../../src/server/bench/stamp";
import { percentile } from "../lib/stats";
import type { Latency } from "./types";

export interface ReceivedAlert {
  title: string;
  body: string;
  userId: string;
}

export class StepRecorder {
  readonly latencies: number[] = [];
  readonly #seen = new Set<string>();
  duplicates = 0;

  get received(): number {
    return this.latencies.length;
  }

  record(index: number, userId: string, latencyMs: number): void {
    const key = `${index}:${userId}`;
    if (this.#seen.has(key)) {
      this.duplicates++;
      return;
    }
    this.#seen.add(key);
    this.latencies.push(latencyMs);
  }

  latency(): Latency | null {
    if (this.latencies.length === 0) return null;
    const sorted = Float64Array.from(this.latencies).sort();
    return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
  }
}

/** Routes every received alert to the recorder of its tag; alerts of no open step are counted as strays. */
export class FrameRouter {
  readonly #recorders = new Map<string, StepRecorder>();
  strays = 0;

  open(tag: string): StepRecorder {
    const recorder = new StepRecorder();
    this.#recorders.set(tag, recorder);
    return recorder;
  }

  close(tag: string): void {
    this.#recorders.delete(tag);
  }

  readonly onAlert = (alert: ReceivedAlert, receivedAt: number): void => {
    const stamp = readStamp(alert.title, alert.body);
    const recorder = stamp && this.#recorders.get(stamp.tag);
    if (!stamp || !recorder) {
      this.strays++;
      return;
    }
    recorder.record(stamp.index, alert.userId, receivedAt - stamp.sentAt);
  };
}
