/**
 * The composition root: builds every swappable part once from validated config and keeps
 * it on `globalThis`. vinxi bundles each router (SSR/API, WebSocket, server functions)
 * with its own copy of every module, so a module-level singleton would exist three times
 * and the API would publish into a registry the socket handler never sees.
 */
import { createSeededUserDirectory, type UserDirectory } from "./auth/users";
import { createMemoryBus } from "./bus/memory";
import type { AlertBus } from "./bus/types";
import { type BeaconConfig, loadConfig } from "./config";
import { wireDelivery } from "./delivery";
import { createFixedWindowLimiter, type RateLimiter } from "./http/rate-limiter";
import type { Inbox } from "./inbox/inbox";
import { log } from "./log";
import { createEventHub, type ErrorSource, type EventHub } from "./observe/events";
import { attachObservers, type Observers } from "./observe/observers";
import { redactString } from "./observe/redact";
import { IdleSweeper } from "./realtime/idle-sweeper";
import { PeerRegistry } from "./realtime/peer-registry";
import type { Presence } from "./realtime/presence";
import type { AlertPublisher } from "./services/alert.publisher";
import { type AlertStore, createStoreFromConfig } from "./store";
import { startRetention } from "./store/retention";

export interface BeaconRuntime {
  config: BeaconConfig;
  users: UserDirectory;
  registry: PeerRegistry;
  presence: Presence;
  bus: AlertBus;
  store: AlertStore;
  publisher: AlertPublisher;
  inbox: Inbox;
  /** In-process events for the dashboard, metrics and logs. */
  events: EventHub;
  /** Prometheus metrics (GET /metrics) and the operators' dashboard feed, both fed by `events`. */
  observers: Observers;
  /** Log a failure and count it for operators (metrics, dashboard). */
  reportError(source: ErrorSource, message: string, error: unknown): void;
  sweeper: IdleSweeper;
  loginLimiter: RateLimiter;
  startedAt: Date;
}

const RUNTIME_KEY = Symbol.for("beacon.runtime");
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: BeaconRuntime };

export function getRuntime(): BeaconRuntime {
  const holder = globalThis as GlobalWithRuntime;
  return (holder[RUNTIME_KEY] ??= createRuntime(loadConfig()));
}

export function createRuntime(config: BeaconConfig): BeaconRuntime {
  const startedAt = new Date();
  const registry = new PeerRegistry();
  const events = createEventHub((error) => log("error", "event listener failed", { error }));
  const reportError = (source: ErrorSource, message: string, error: unknown) => {
    log("error", message, { source, error });
    const reason = error instanceof Error ? `${message}: ${redactString(error.message)}` : message;
    events.emit({ type: "error", at: new Date().toISOString(), source, message: reason.slice(0, 500) });
  };
  const bus = createMemoryBus((error) => reportError("bus", "bus listener failed", error));
  const store = createStoreFromConfig(config);
  const observers = attachObservers({
    serverId: config.serverId,
    startedAt,
    events,
    bus,
    registry,
    storeKind: store.kind,
    onError: (error) => reportError("bus", "could not publish dashboard figures on the bus", error),
  });
  const { presence, publisher, inbox } = wireDelivery({
    registry,
    bus,
    store,
    maxGroupSize: config.maxGroupSize,
    onRecordError: (error) => reportError("store", "could not record a delivery attempt", error),
    events,
  });
  void store.ready().then(() =>
    startRetention(store, {
      retentionDays: config.retentionDays,
      onPruned: (count) => log("info", "pruned alerts past retention", { count, retentionDays: config.retentionDays }),
      onError: (error) => reportError("retention", "retention prune failed; will retry", error),
    }),
  );
  const sweeper = new IdleSweeper(registry, { idleTimeoutMs: config.wsIdleTimeoutMs });
  sweeper.start();

  if (config.generatedSecrets.length > 0) {
    log("warn", "using generated secrets kept in DATA_DIR; set them explicitly in production", {
      generated: config.generatedSecrets,
      dataDir: config.dataDir,
    });
  }
  log("info", "beacon runtime ready", { serverId: config.serverId, bus: bus.kind, store: store.kind, simulator: config.simulatorEnabled });

  return {
    config,
    users: createSeededUserDirectory(),
    registry,
    presence,
    bus,
    store,
    publisher,
    inbox,
    events,
    observers,
    reportError,
    sweeper,
    loginLimiter: createFixedWindowLimiter(config.loginRatePerMinute, 60_000),
    startedAt,
  };
}
