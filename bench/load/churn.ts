/**
 * Churn: rounds of sockets that connect (each a new user) and disconnect again. After the
 * last round the server's registry must be empty, and memory after forced GC must not keep
 * growing with the cycles. Warm-up rounds run first so one-time growth is not counted as
 * a leak, and memory is sampled before the first round and every `sampleEvery` rounds
 * (and halfway): bench/report/heap-growth.ts fits a line through the samples, since the heap
 * moves by up to about 0.6 MB for one-time reasons that level off, and a leak shows as a slope
 * that keeps going.
 */
import { closeAll, connectMany, mintTokens } from "./connect";
import type { HttpPublisher } from "./http-publisher";
import { memoryAfterGc, registrySettles } from "./memory";
import type { FrameRouter } from "./recorder";
import type { ChurnSample, SessionPlan, SessionResult } from "./types";

export async function runChurn(
  plan: SessionPlan,
  churn: NonNullable<SessionPlan["churn"]>,
  http: HttpPublisher,
  router: FrameRouter,
  log: (line: string) => void,
): Promise<NonNullable<SessionResult["churn"]>> {
  const round = async (prefix: string) => {
    const users = Array.from({ length: churn.perRound }, (_, i) => `${prefix}-${i}`);
    const tokens = await mintTokens(plan.authSecret, users);
    const opened = await connectMany(plan.client, plan.baseUrl, tokens, router.onAlert, { concurrency: churn.perRound });
    await closeAll(opened.sockets);
    return opened.failed;
  };
  const samples: ChurnSample[] = [];
  let socketsAfter = 0;
  // The registry learns of closes a moment after the client: a sample taken earlier would hold the last round's sockets.
  const sample = async (cycles: number) => {
    socketsAfter = await registrySettles(http, 0);
    const { heapUsedBytes, rssBytes } = await memoryAfterGc(http, plan.serverPid);
    samples.push({ cycles, heapUsedBytes, rssBytes });
  };

  for (let r = 0; r < churn.warmupRounds; r++) await round(`cw${r}`);
  await sample(0);

  const half = Math.floor(churn.rounds / 2);
  let ms = 0;
  let failed = 0;
  let rounds = 0;
  let middle = samples[0];
  while (rounds < churn.rounds && Date.now() < plan.deadlineAt) {
    // Only the rounds are timed: samples cost about half a second each.
    const started = performance.now();
    failed += await round(`c${rounds}`);
    ms += performance.now() - started;
    rounds++;
    if (rounds % churn.sampleEvery === 0 || rounds === half) await sample(rounds * churn.perRound);
    if (rounds === half) middle = samples.at(-1)!;
  }
  if (samples.at(-1)!.cycles !== rounds * churn.perRound) await sample(rounds * churn.perRound);

  const { usersOnline } = await http.stats();
  const heapMB = samples.map((s) => (s.heapUsedBytes / 2 ** 20).toFixed(2)).join(" ");
  log(`churn: ${rounds * churn.perRound} cycles in ${(ms / 1000).toFixed(1)} s, ${failed} failed; registry after: ${socketsAfter} sockets, ${usersOnline} users`);
  log(`churn: heap after GC at ${samples.length} samples, MB: ${heapMB}`);
  return {
    cycles: rounds * churn.perRound,
    failed,
    ms,
    before: samples[0],
    middle,
    after: samples.at(-1)!,
    samples,
    socketsAfter,
    usersAfter: usersOnline,
  };
}
