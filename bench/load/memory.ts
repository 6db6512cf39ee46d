/**
 * Server memory as the benchmark reports it: RSS from /proc after forced GC (the server
 * runs with --expose-gc; its bench trigger calls gc()), and a warm-up so one-time costs
 * (lazy modules, JIT) land before the baseline instead of in the per-socket figure.
 */
import { benchAlert } from "../../src/server/bench/plan";
import { closeAll, connectMany, mintTokens } from "./connect";
import type { HttpPublisher } from "./http-publisher";
import { rssBytes, settle, sleep } from "./probe";
import type { FrameRouter } from "./recorder";
import type { MemoryFigures, SessionPlan } from "./types";

export async function memoryAfterGc(http: HttpPublisher, pid: number): Promise<MemoryFigures & { gcExposed: boolean }> {
  await http.gc();
  const after = await http.gc();
  await sleep(200);
  return { rssBytes: rssBytes(pid), heapUsedBytes: after.heapUsedBytes, gcExposed: after.gcExposed ?? false };
}

/** Waits until the server's registry holds `sockets` (it learns of closes a moment after the client). */
export async function registrySettles(http: HttpPublisher, sockets: number, maxMs = 15_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const now = (await http.stats()).sockets;
    if (now === sockets || Date.now() > deadline) return now;
    await sleep(100);
  }
}

/**
 * A few sockets and a few hundred alerts over both publish paths, then everything closed
 * again: without it the first measured step paid for JIT warm-up (about twice the CPU per
 * alert on Beacon's HTTP path).
 */
export async function warmUp(plan: SessionPlan, http: HttpPublisher, router: FrameRouter): Promise<void> {
  const users = Array.from({ length: 20 }, (_, i) => `warm${i}`);
  const tokens = await mintTokens(plan.authSecret, users);
  const { sockets } = await connectMany(plan.client, plan.baseUrl, tokens, router.onAlert, { concurrency: 20 });
  const overHttp = router.open("warmup-http");
  const inProcess = router.open("warmup-inproc");
  await Promise.all(Array.from({ length: WARM_UP_ALERTS }, (_, i) => http.publishOne(users[i % users.length], benchAlert("warmup-http", i))));
  await http.benchPlan({ tag: "warmup-inproc", userPrefix: "warm", userCount: users.length, mode: "burst", count: WARM_UP_ALERTS });
  await settle(() => overHttp.received + inProcess.received >= 2 * WARM_UP_ALERTS, { maxMs: 5000 });
  router.close("warmup-http");
  router.close("warmup-inproc");
  await closeAll(sockets);
  await registrySettles(http, 0);
}

const WARM_UP_ALERTS = 2000;
