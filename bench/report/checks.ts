/**
 * Issue 6's targets for Beacon, checked against this run's figures where the run has
 * them (10,000 sockets; the quick run has not). A benchmark, not a test: the run never
 * fails on them, it says which were met.
 */
import type { Results } from "./aggregate";
import { fixed, int, ms, signedMB } from "./format";

const FULL_SIZE = 10_000;

export function targetChecks(results: Results): string[] {
  const lines: string[] = [];
  const check = (ok: boolean, text: string) => lines.push(`- ${ok ? "✅" : "❌"} ${text}`);
  const has = results.of("beacon", FULL_SIZE).length > 0;
  if (has) {
    const kb = results.rssPerSocketKB("beacon", FULL_SIZE);
    const opened = results.of("beacon", FULL_SIZE).every((s) => s.connect?.opened === FULL_SIZE);
    check(opened && kb <= 12, `10,000 idle sockets in one process, ≤ 12 KB RSS each: ${fixed(kb)} KB${opened ? "" : " (not all sockets opened)"}`);
    const at2k = results.step("beacon", FULL_SIZE, "http-2000");
    if (at2k) check(at2k.p99 <= 25 && at2k.lost + at2k.errors === 0, `p99 ≤ 25 ms at 2,000 alerts/s (HTTP) with 10,000 sockets, 0 lost: p99 ${ms(at2k.p99)} ms, ${int(at2k.lost + at2k.errors)} lost`);
    const lost = results.lost("beacon", FULL_SIZE);
    check(lost === 0, `0 lost over every step at 10,000 sockets: ${int(lost)}`);
    const [beacon, ws, socketio] = (["beacon", "ws", "socketio"] as const).map((t) => results.ceiling(t, FULL_SIZE));
    if ([beacon, ws, socketio].every(Number.isFinite)) {
      check(beacon > socketio && beacon >= 0.75 * ws, `highest rate with p99 < 100 ms above Socket.IO's and ≥ 75% of raw ws's: Beacon ${int(beacon)}/s, Socket.IO ${int(socketio)}/s, raw ws ${int(ws)}/s`);
    }
  }
  const churn = results.churn("beacon");
  if (churn) {
    const heap = churn.after.heapUsedBytes - churn.before.heapUsedBytes;
    const secondHalf = churn.after.heapUsedBytes - churn.middle.heapUsedBytes;
    const rss = churn.after.rssBytes - churn.before.rssBytes;
    // A leak keeps growing through the second half; noise stays under 512 KB or 100 B per cycle.
    const noise = Math.max(512 * 1024, (churn.cycles / 2) * 100);
    const ok = churn.socketsAfter === 0 && churn.usersAfter === 0 && secondHalf < noise;
    check(
      ok,
      `churn: registry empty and no growth beyond noise after ${int(churn.cycles)} cycles: ${churn.socketsAfter} sockets / ${churn.usersAfter} users left; heap ${signedMB(heap)} MB (second half ${signedMB(secondHalf)} MB), RSS ${signedMB(rss)} MB`,
    );
  }
  if (!has) lines.push("- The size targets (10,000 sockets) are only checked by the full run.");
  return lines;
}
