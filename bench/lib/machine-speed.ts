/**
 * How fast the machine is right now, as one number: the time of a fixed single-threaded
 * workload shaped like a server's per-alert work (JSON out and back in, a SHA-256 digest,
 * short-lived objects). Runs on the same 2-core machine differ by 2× and more with whatever
 * else the host runs, so a results section records this at its start and end: two runs'
 * absolute figures compare only when their speeds are close, and a speed that changed
 * during a run says its later sessions ran on a different machine than its first.
 */
import { createHash } from "node:crypto";

const ROUNDS = 7;
const OPS_PER_ROUND = 20_000;

/** Median µs per op over ROUNDS rounds (the first warms the JIT up and is dropped); lower is faster. */
export function measureMachineSpeed(): number {
  const alert = {
    id: "01JD0000000000000000000000",
    userId: "user-0001",
    service: "darkwatch",
    severity: "high",
    title: "Your email appeared in a new breach",
    body: "x".repeat(200),
    createdAt: new Date(0).toISOString(),
    seq: 1,
  };
  let sink = 0;
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < OPS_PER_ROUND; i++) {
      const frame = JSON.stringify({ type: "alert", seq: i, alert });
      const parsed = JSON.parse(frame) as { alert: { title: string } };
      sink += createHash("sha256").update(frame).digest()[0]! + parsed.alert.title.length;
    }
    times.push(((performance.now() - started) * 1000) / OPS_PER_ROUND);
  }
  if (sink === -1) console.log(sink); // keeps the loop's work observable
  const measured = times.slice(1).sort((a, b) => a - b);
  return measured[Math.floor(measured.length / 2)]!;
}
