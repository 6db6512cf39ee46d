import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pace } from "~/server/bench/pace";
import { BenchPlanSchema, type BenchPublisher, groupOf, runBenchPlan } from "~/server/bench/plan";
import { benchNow, readStamp, stampText } from "~/server/bench/stamp";
import { loadConfig } from "~/server/config";
import type { AlertInput } from "~/shared/alert";
import { AlertInputSchema } from "~/shared/alert";

/** Records every call; answers like Beacon's publisher would for a user with a socket open. */
function recordingPublisher(status = "delivered_live") {
  const calls: Array<{ userIds: string[]; alert: AlertInput; at: number }> = [];
  const publisher: BenchPublisher = {
    async publishAlert(userId, alert) {
      calls.push({ userIds: [userId], alert, at: performance.now() });
      return { status };
    },
    async publishToGroup(userIds, alert) {
      calls.push({ userIds: [...userIds], alert, at: performance.now() });
      return userIds.map(() => ({ status }));
    },
  };
  return { publisher, calls };
}

describe("benchmark alerts carry their own send time", () => {
  it("a stamped alert is a valid alert, and reads back to the same tag, index and time", () => {
    const sentAt = benchNow();
    const text = stampText({ tag: "http-2000", index: 41, sentAt });
    expect(AlertInputSchema.safeParse({ service: "darkwatch", severity: "high", ...text }).success).toBe(true);
    const stamp = readStamp(text.title, text.body)!;
    expect(stamp).toMatchObject({ tag: "http-2000", index: 41 });
    expect(stamp.sentAt).toBeCloseTo(sentAt, 2);
  });

  it("anything that is not a benchmark alert reads as null", () => {
    expect(readStamp("Password exposed", "Change it now.")).toBeNull();
    expect(readStamp("bench:x:notanumber", "1")).toBeNull();
    expect(readStamp("bench:x:1", "soon")).toBeNull();
  });
});

describe("pacing", () => {
  it("spreads the items over the time the rate asks for", async () => {
    const sent: number[] = [];
    const result = await pace({ rate: 400, count: 40, maxMs: 2000 }, (i) => sent.push(i));
    expect(sent).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // 40 items at 400/s take about 100 ms, not zero and not forever.
    expect(result.elapsedMs).toBeGreaterThan(80);
    expect(result.elapsedMs).toBeLessThan(1000);
  });

  it("a burst sends everything at once", async () => {
    const result = await pace({ rate: Infinity, count: 500, maxMs: 1000 }, () => {});
    expect(result.sent).toBe(500);
    // No pacing: far under the half second that even 1,000/s would take, with room for a busy machine's stalls.
    expect(result.elapsedMs).toBeLessThan(250);
  });

  it("stops at maxMs and holds back while back-pressure says so", async () => {
    let open = 0;
    const result = await pace({ rate: 10_000, count: 1_000_000, maxMs: 60, canSend: () => open++ % 2 === 0 }, () => {});
    expect(result.elapsedMs).toBeLessThan(500);
    expect(result.sent).toBeLessThan(1_000_000);
  });
});

describe("an in-process publish plan", () => {
  it("publishes `count` alerts, each to one of the plan's users, tagged and numbered", async () => {
    const { publisher, calls } = recordingPublisher();
    const plan = BenchPlanSchema.parse({ tag: "t1", userPrefix: "u", userCount: 5, mode: "paced", rate: 1000, count: 30 });
    const summary = await runBenchPlan(plan, publisher);
    expect(summary).toMatchObject({ published: 30, deliveredLive: 30, failed: 0 });
    expect(calls.map((c) => readStamp(c.alert.title, c.alert.body)?.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (const call of calls) expect(call.userIds[0]).toMatch(/^u[0-4]$/);
  });

  it("a group plan is one publishToGroup to distinct users", async () => {
    const { publisher, calls } = recordingPublisher();
    const summary = await runBenchPlan(BenchPlanSchema.parse({ tag: "g", userPrefix: "u", userCount: 10, mode: "group", count: 4 }), publisher);
    expect(calls).toHaveLength(1);
    expect(new Set(calls[0].userIds).size).toBe(4);
    expect(summary).toMatchObject({ published: 4, deliveredLive: 4 });
    expect(groupOf("u", 3, 5, 2)).toEqual(["u2", "u0", "u1"]);
  });

  it("reports alerts nobody was connected for, and calls that threw, instead of hiding them", async () => {
    const offline = await runBenchPlan(
      BenchPlanSchema.parse({ tag: "o", userPrefix: "u", userCount: 3, mode: "burst", count: 5 }),
      recordingPublisher("no_live_socket").publisher,
    );
    expect(offline).toMatchObject({ published: 5, deliveredLive: 0, failed: 0 });

    const throwing: BenchPublisher = {
      publishAlert: () => Promise.reject(new Error("store down")),
      publishToGroup: () => Promise.reject(new Error("store down")),
    };
    const failed = await runBenchPlan(BenchPlanSchema.parse({ tag: "f", userPrefix: "u", userCount: 3, mode: "burst", count: 5 }), throwing);
    expect(failed).toMatchObject({ published: 0, failed: 5 });
  });

  it("refuses a paced plan without a rate", () => {
    expect(BenchPlanSchema.safeParse({ tag: "t", userPrefix: "u", userCount: 1, mode: "paced", count: 1 }).success).toBe(false);
  });
});

describe("the bench trigger is off unless asked for", () => {
  it("BENCH_ENABLED defaults to false and turns on with true", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "beacon-bench-config-"));
    try {
      const env = { DATA_DIR: dataDir, AUTH_SECRET: "x".repeat(32), PUBLISH_SECRET: "p".repeat(24) };
      expect(loadConfig(env).benchEnabled).toBe(false);
      expect(loadConfig({ ...env, NODE_ENV: "production", BENCH_ENABLED: "true" }).benchEnabled).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
