/**
 * Churn: rounds of sockets that connect (each a new user) and disconnect again. After the
 * last round the server's registry must be empty, and memory after forced GC must be
 * where it was before, give or take noise. Warm-up rounds run first so one-time growth
 * is not counted as a leak, and memory is also taken halfway: a leak grows in both halves,
 * noise and one-time costs do not.
 */
import { closeAll, connectMany, mintTokens } from "./connect";
import type { HttpPublisher } from "./http-publisher";
import { memoryAfterGc, registrySettles } from "./memory";
import type { FrameRouter } from "./recorder";
import type { SessionPlan, SessionResult } from "./types";

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

  for (let r = 0; r < churn.warmupRounds; r++) await round(`cw${r}`);
  await registrySettles(http, 0);
  const before = await memoryAfterGc(http, plan.serverPid);

  const started = performance.now();
  let failed = 0;
  let rounds = 0;
  let middle = before;
  for (; rounds < churn.rounds && Date.now() < plan.deadlineAt; rounds++) {
    failed += await round(`c${rounds}`);
    if (rounds + 1 === Math.floor(churn.rounds / 2)) {
      await registrySettles(http, 0);
      middle = await memoryAfterGc(http, plan.serverPid);
    }
  }
  const ms = performance.now() - started;

  const socketsAfter = await registrySettles(http, 0);
  const after = await memoryAfterGc(http, plan.serverPid);
  const { usersOnline } = await http.stats();
  log(`churn: ${rounds * churn.perRound} cycles in ${(ms / 1000).toFixed(1)} s, ${failed} failed; registry after: ${socketsAfter} sockets, ${usersOnline} users`);
  return { cycles: rounds * churn.perRound, failed, ms, before, middle, after, socketsAfter, usersAfter: usersOnline };
}
