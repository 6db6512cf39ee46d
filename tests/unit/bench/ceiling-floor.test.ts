import { describe, expect, it } from "vitest";
import type { SessionResult } from "../../../bench/load/types";
import { Results } from "../../../bench/report/aggregate";
import { targetChecks } from "../../../bench/report/checks";
import { mainTable } from "../../../bench/report/table";

/** A 10,000-socket session whose ceiling search ended as given (no stoppedAt: no rate failed). */
function session(target: SessionResult["target"], highestPassing: number, stoppedAt?: number, reason?: string): SessionResult {
  return {
    target,
    sockets: 10_000,
    steps: [],
    ceiling: { highestPassing, stoppedAt, reason: reason ?? (stoppedAt ? `p99 over 100 ms at ${stoppedAt}/s` : undefined), steps: [] },
    errors: [],
  } as unknown as SessionResult;
}

const ceilingRow = (table: string) => table.split("\n").find((line) => line.includes("highest HTTP rate"))!;

describe("a ceiling no rate ended", () => {
  const results = new Results([
    session("beacon", 7000, 7500),
    session("beacon", 7500, 8000),
    session("beacon", 6500, 7000),
    // raw ws passed every rate in two of three runs: its median is only a floor.
    session("ws", 15_000),
    session("ws", 15_000),
    session("ws", 9000, 9500),
    session("socketio", 6500, 7000),
    session("socketio", 7000, 7500),
    session("socketio", 6000, 6500),
  ]);

  it("is a floor only when the run that gave the median passed every rate", () => {
    expect(results.ceiling("ws", 10_000)).toBe(15_000);
    expect(results.ceilingIsLowerBound("ws", 10_000)).toBe(true);
    expect(results.ceilingIsLowerBound("beacon", 10_000)).toBe(false);
    // One unbounded run that is not the median leaves the median a measurement.
    const oneOfThree = new Results([session("ws", 15_000), session("ws", 9000, 9500), session("ws", 8000, 8500)]);
    expect(oneOfThree.ceilingIsLowerBound("ws", 10_000)).toBe(false);
  });

  it("says so in the stop notes, the table and the target check", () => {
    expect(results.ceilingReasons("ws", 10_000)).toEqual([
      "passed every rate offered: the ceiling is at least 15000/s",
      "passed every rate offered: the ceiling is at least 15000/s",
      "stopped at 9500/s: p99 over 100 ms at 9500/s",
    ]);
    const cells = ceilingRow(mainTable(results, ["beacon", "ws", "socketio"])).split("|").map((cell) => cell.trim());
    // label, Beacon, raw ws, Socket.IO, Beacon ÷ raw ws, Beacon ÷ Socket.IO
    expect(cells.slice(2, 7)).toEqual(["7,000", "≥ 15,000", "6,500", "≤ 0.47×", "1.08×"]);
    const check = targetChecks(results).find((line) => line.includes("highest rate"))!;
    expect(check).toMatch(/^- ❌ /);
    expect(check).toContain("raw ws at least 15,000/s");
    expect(check).toContain("its real ceiling is not known");
  });

  it("leaves a search that ran out of time a floor too, with its reason", () => {
    const timedOut = new Results([session("beacon", 4000, undefined, "deadline")]);
    expect(timedOut.ceilingIsLowerBound("beacon", 10_000)).toBe(true);
    expect(timedOut.ceilingReasons("beacon", 10_000)).toEqual(["no failing rate before the search stopped (deadline): the ceiling is at least 4000/s"]);
  });

  it("gives the round-by-round ratio beside the check, over the rounds whose searches both failed a rate", () => {
    // Run 1 of each, then run 2, then run 3: a machine that slows down lowers both in a round.
    const drifting = new Results([
      session("beacon", 3500, 4000),
      session("ws", 6500, 7000),
      session("socketio", 2000, 2500),
      session("beacon", 2500, 3000),
      session("ws", 5500, 6000),
      session("socketio", 4500, 5000),
      session("beacon", 2000, 2500),
      session("ws", 4000, 4500),
      session("socketio", 500, 1000),
    ]);
    expect(drifting.ceilingRatiosByRound("beacon", "ws", 10_000).map((r) => Math.round(r * 100))).toEqual([54, 45, 50]);
    const check = targetChecks(drifting).find((line) => line.includes("highest rate"))!;
    // The check itself stays on the medians (2,500 against 5,500).
    expect(check).toMatch(/^- ❌ .*Beacon 2,500\/s, Socket\.IO 2,000\/s, raw ws 5,500\/s; round by round, Beacon ÷ raw ws 54%, 45%, 50% \(median 50%\)$/);
    // A round in which raw ws passed every rate says nothing exact about the ratio: it is left out,
    // and the one round left is named as such.
    expect(results.ceilingRatiosByRound("beacon", "ws", 10_000).map((r) => Math.round(r * 100))).toEqual([72]);
    expect(targetChecks(results).find((line) => line.includes("highest rate"))).toMatch(
      /; in the one round whose searches both failed a rate, Beacon ÷ raw ws 72%$/,
    );
    // A single run has nothing beside its own figures to add.
    const single = new Results([session("beacon", 3500, 4000), session("ws", 5000, 5500), session("socketio", 3000, 3500)]);
    expect(targetChecks(single).find((line) => line.includes("highest rate"))).toMatch(/raw ws 5,000\/s$/);
  });

  it("passes the check when every ceiling was measured and Beacon leads", () => {
    const measured = new Results([session("beacon", 8000, 8500), session("ws", 10_000, 10_500), session("socketio", 7500, 8000)]);
    expect(targetChecks(measured).find((line) => line.includes("highest rate"))).toMatch(/^- ✅ .*raw ws 10,000\/s$/);
  });
});
