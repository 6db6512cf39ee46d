/**
 * Graceful exit on SIGTERM/SIGINT: stop admitting sockets, tell every socket when to come
 * back and close it (realtime/drain.ts), refuse new publishes and let in-flight ones finish,
 * leave the cluster (presence lease, bus), close the store, exit 0.
 *
 * Nitro's own shutdown handler would destroy every idle TCP connection at once — upgraded
 * WebSockets look idle to it — so the sockets would drop with 1006 before hearing when to
 * reconnect. The start-up plugin therefore turns it off (NITRO_SHUTDOWN_DISABLED, read by
 * Nitro after plugins run) and installs this instead.
 */
import { log } from "./log";
import { drainConnections } from "./realtime/drain";
import type { BeaconRuntime } from "./runtime";

export function installGracefulDrain(getRuntime: () => BeaconRuntime): void {
  process.env.NITRO_SHUTDOWN_DISABLED = "1";
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      // A second signal means "now": an operator who cannot wait.
      log("warn", "second signal during drain; exiting now", { signal });
      process.exit(1);
    }
    started = true;
    drainAndExit(getRuntime(), signal).then(
      () => process.exit(0),
      (error) => {
        log("error", "drain failed; exiting", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

export async function drainAndExit(runtime: BeaconRuntime, signal: string): Promise<void> {
  const { config } = runtime;
  const startedAt = Date.now();
  runtime.lifecycle.draining = true;
  log("info", "draining: refusing new sockets, telling open ones when to reconnect", {
    signal,
    serverId: config.serverId,
    sockets: runtime.registry.size,
    windowMs: config.drainWindowMs,
  });
  const report = await drainConnections(runtime.registry, { windowMs: config.drainWindowMs, timeoutMs: config.drainTimeoutMs });
  // Until every socket has been told and closed, alerts published here still reach every tab,
  // here or (through the bus) on other servers. From here on the bus is about to close, so
  // publishes go elsewhere.
  runtime.inFlight.stopAccepting();
  const remaining = Math.max(100, config.drainTimeoutMs - (Date.now() - startedAt));
  const idle = await runtime.inFlight.idle(remaining);
  // The answer to the last publish is written right after it settles.
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Steps in progress finish (or their lease lets another server redo them); due ones wait in the store.
  await runtime.ladder.worker.stop(Math.max(100, config.drainTimeoutMs - (Date.now() - startedAt)));
  await Promise.allSettled([runtime.presence.close(), runtime.bus.close()]);
  await runtime.store.close().catch(() => {});
  log("info", "drained; exiting", {
    serverId: config.serverId,
    told: report.told,
    leftOpen: report.leftOpen,
    publishesUnfinished: idle ? 0 : runtime.inFlight.count,
    tookMs: Date.now() - startedAt,
  });
}
