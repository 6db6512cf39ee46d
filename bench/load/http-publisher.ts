/**
 * The generator's HTTP client to the server under test: a keep-alive undici Pool for
 * POST /api/alerts (what a producer does), plus the stats and bench trigger routes.
 */
import { Pool } from "undici";
import type { BenchRunSummary } from "../../src/server/bench/plan";
import type { AlertInput } from "../../src/shared/alert";

export interface PublishOutcome {
  /** Recipients accepted (status 202). */
  accepted: number;
  /** Of those, not reported delivered_live. */
  notLive: number;
}

export interface ServerCounts {
  sockets: number;
  usersOnline: number;
  rssBytes: number;
  heapUsedBytes: number;
  gcExposed?: boolean;
}

/**
 * Connections the pool may open, the same for all three servers so runs stay comparable with
 * every earlier one. With C connections and no pipelining, a server answering in L ms can be
 * offered at most C / L requests per ms; the rest queue here, inside the measured latency.
 * 256 was tried and reverted: bench/results/2026-11-29.md has both sides. `--http-pool=N`
 * measures another size without editing this (bench/results/2026-12-02.md compares 32 and 64).
 */
export const POOL_CONNECTIONS = 32;

export function createHttpPublisher(baseUrl: string, publishSecret: string, connections = POOL_CONNECTIONS) {
  const pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const headers = { authorization: `Bearer ${publishSecret}`, "content-type": "application/json" };

  async function call<T>(method: "GET" | "POST", path: string, payload?: unknown): Promise<{ status: number; body: T }> {
    const response = await pool.request({ method, path, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const text = await response.body.text();
    return { status: response.statusCode, body: (text ? JSON.parse(text) : null) as T };
  }

  async function publish(payload: Record<string, unknown>): Promise<PublishOutcome> {
    const { status, body } = await call<{ alerts: Array<{ status: string }> }>("POST", "/api/alerts", payload);
    if (status !== 202) throw new Error(`publish answered ${status}`);
    return { accepted: body.alerts.length, notLive: body.alerts.filter((a) => a.status !== "delivered_live").length };
  }

  async function expectOk<T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> {
    const { status, body } = await response;
    if (status !== 200) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  }

  return {
    publishOne: (userId: string, alert: AlertInput) => publish({ userId, ...alert }),
    publishGroup: (userIds: readonly string[], alert: AlertInput) => publish({ userIds, ...alert }),
    /** Runs an in-process plan on the server (its bench trigger); answers when every publish settled. */
    benchPlan: (plan: Record<string, unknown>) => expectOk(call<BenchRunSummary>("POST", "/api/dev/bench-publish", plan), "bench-publish"),
    gc: () => expectOk(call<ServerCounts>("POST", "/api/dev/bench-gc", {}), "bench-gc"),
    stats: () => expectOk(call<ServerCounts>("GET", "/api/stats"), "stats"),
    close: () => pool.close(),
  };
}

export type HttpPublisher = ReturnType<typeof createHttpPublisher>;
