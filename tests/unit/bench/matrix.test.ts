import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../bench/lib/args";
import { chooseMatrix, FULL, QUICK, sessionsFor } from "../../../bench/lib/matrix";
import { median, percentile } from "../../../bench/lib/stats";

describe("the benchmark matrix is bounded", () => {
  it("the full run covers 1k, 5k and 10k sockets, 10k three times, with a churn session per server", () => {
    const sessions = sessionsFor(FULL, ["beacon", "ws", "socketio"]);
    expect(sessions.filter((s) => s.sockets === 10_000)).toHaveLength(9);
    expect(sessions.filter((s) => s.sockets === 5000)).toHaveLength(3);
    expect(sessions.filter((s) => s.churn?.rounds === 100 && s.churn.perRound === 100)).toHaveLength(3);
    expect(Math.max(...sessions.map((s) => s.sockets))).toBeLessThanOrEqual(10_000);
    // Every step has a fixed count: nothing runs "until".
    for (const step of sessions.flatMap((s) => s.steps)) expect(step.count).toBeGreaterThan(0);
  });

  it("repeated runs rotate the order of the servers", () => {
    const runs = sessionsFor(FULL, ["beacon", "ws", "socketio"]).filter((s) => s.sockets === 10_000);
    expect(runs.map((s) => s.target)).toEqual(["beacon", "ws", "socketio", "ws", "socketio", "beacon", "socketio", "beacon", "ws"]);
  });

  it("the quick run is one small size with a budget under two minutes", () => {
    expect(QUICK.sizes).toEqual([expect.objectContaining({ sockets: 1000, repeats: 1 })]);
    expect(QUICK.budgetMs).toBeLessThan(120_000);
    const alerts = sessionsFor(QUICK, ["beacon"]).flatMap((s) => s.steps).reduce((sum, step) => sum + step.count * (step.repeats ?? 1), 0);
    expect(alerts).toBeLessThan(15_000);
  });

  it("options narrow the run", () => {
    const args = parseArgs(["--quick", "--targets=socketio,beacon", "--sockets=200"]);
    expect(args.targets).toEqual(["beacon", "socketio"]);
    expect(chooseMatrix(args).sizes).toEqual([expect.objectContaining({ sockets: 200 })]);
    expect(() => parseArgs(["--sockets=50000"])).toThrow();
    expect(() => parseArgs(["--fast"])).toThrow(/unknown option/);
  });

  it("--http-pool sizes the generator's publish pool, 32 connections unless given", () => {
    expect(chooseMatrix(parseArgs([])).httpConnections).toBe(32);
    expect(chooseMatrix(parseArgs(["--http-pool=64"])).httpConnections).toBe(64);
    expect(chooseMatrix(parseArgs(["--quick", "--sockets=200", "--http-pool=8"])).httpConnections).toBe(8);
    expect(() => parseArgs(["--http-pool=0"])).toThrow(/whole numbers/);
    expect(() => parseArgs(["--http-pool"])).toThrow(/whole numbers/);
  });

  it("--store-checkpoints compares the writer's own checkpoints with the checkpoint thread unless given others", () => {
    expect(parseArgs([]).storeCheckpoints).toBeUndefined();
    expect(parseArgs(["--store-checkpoints"]).storeCheckpoints).toEqual([400, "thread"]);
    expect(parseArgs(["--store-checkpoints=2000,thread,100"]).storeCheckpoints).toEqual([2000, "thread", 100]);
    expect(() => parseArgs(["--store-checkpoints=0"])).toThrow(/whole numbers/);
    expect(() => parseArgs(["--store-checkpoints=threads"])).toThrow(/whole numbers/);
  });

  it("--store-batches compares committing at 16 queued writes with 256 unless given other sizes", () => {
    expect(parseArgs([]).storeBatches).toBeUndefined();
    expect(parseArgs(["--store-batches"]).storeBatches).toEqual([16, 256]);
    expect(parseArgs(["--store-batches=8,32"]).storeBatches).toEqual([8, 32]);
    expect(() => parseArgs(["--store-batches=0"])).toThrow(/whole numbers/);
  });
});

describe("order statistics", () => {
  it("nearest-rank percentiles and medians", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
  });
});
