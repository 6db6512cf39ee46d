/**
 * A benchmark publish plan run inside the server process: the in-process `publishAlert`
 * path of the benchmark, without HTTP in between. Beacon's bench trigger route and the
 * reference peers in bench/peers run the very same plan against their own publisher.
 */
import { z } from "zod";
import type { AlertInput } from "../../shared/alert";
import { pace } from "./pace";
import { BENCH_TAG_PATTERN, benchNow, stampText } from "./stamp";

export const BenchPlanSchema = z
  .strictObject({
    tag: z.string().regex(BENCH_TAG_PATTERN),
    /** Users are `${userPrefix}${i}` for i in [0, userCount): the names the generator connects as. */
    userPrefix: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
    userCount: z.number().int().min(1).max(100_000),
    /**
     * paced: `count` alerts, each to a random user, at `rate` per second; burst: the same,
     * all at once; group: one publishToGroup to `count` consecutive users from a random start.
     */
    mode: z.enum(["paced", "burst", "group"]),
    count: z.number().int().min(1).max(1_000_000),
    rate: z.number().positive().max(100_000).optional(),
    maxMs: z.number().int().min(100).max(120_000).default(60_000),
  })
  .refine((plan) => plan.mode !== "paced" || plan.rate !== undefined, { message: "a paced plan needs a rate", path: ["rate"] });
export type BenchPlan = z.infer<typeof BenchPlanSchema>;

/** What a publisher must offer to run a plan; Beacon's AlertPublisher fits as is. */
export interface BenchPublisher {
  publishAlert(userId: string, alert: AlertInput): Promise<{ status: string }>;
  publishToGroup(userIds: readonly string[], alert: AlertInput): Promise<ReadonlyArray<{ status: string }>>;
}

export interface BenchRunSummary {
  /** Alerts the publisher accepted, one per recipient. */
  published: number;
  /** Of those, reported `delivered_live` (a socket got it). */
  deliveredLive: number;
  /** Publish calls that threw. */
  failed: number;
  /** Time to issue every publish call. */
  elapsedMs: number;
  /** Time until every publish call had settled. */
  settledMs: number;
}

export function benchAlert(tag: string, index: number, sentAt = benchNow()): AlertInput {
  return { service: "darkwatch", severity: "high", ...stampText({ tag, index, sentAt }) };
}

/** `count` consecutive user ids from a random start, wrapping around: a group of distinct users. */
export function groupOf(prefix: string, userCount: number, count: number, start = randomInt(userCount)): string[] {
  return Array.from({ length: Math.min(count, userCount) }, (_, k) => `${prefix}${(start + k) % userCount}`);
}

export async function runBenchPlan(plan: BenchPlan, publisher: BenchPublisher): Promise<BenchRunSummary> {
  const started = performance.now();
  const summary: BenchRunSummary = { published: 0, deliveredLive: 0, failed: 0, elapsedMs: 0, settledMs: 0 };
  const count = (reports: ReadonlyArray<{ status: string }>) => {
    summary.published += reports.length;
    for (const report of reports) if (report.status === "delivered_live") summary.deliveredLive++;
  };
  const pending: Promise<void>[] = [];

  if (plan.mode === "group") {
    const users = groupOf(plan.userPrefix, plan.userCount, plan.count);
    pending.push(publisher.publishToGroup(users, benchAlert(plan.tag, 0)).then(count, () => void summary.failed++));
  } else {
    const rate = plan.mode === "burst" ? Infinity : plan.rate!;
    await pace({ rate, count: plan.count, maxMs: plan.maxMs }, (index) => {
      const userId = `${plan.userPrefix}${randomInt(plan.userCount)}`;
      pending.push(
        publisher.publishAlert(userId, benchAlert(plan.tag, index)).then(
          (report) => count([report]),
          () => void summary.failed++,
        ),
      );
    });
  }
  summary.elapsedMs = performance.now() - started;
  await Promise.all(pending);
  summary.settledMs = performance.now() - started;
  return summary;
}

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}
