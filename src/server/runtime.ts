/**
 * The composition root: builds every swappable part once from validated config and keeps
 * it on `globalThis`. vinxi bundles each router (SSR/API, WebSocket, server functions)
 * with its own copy of every module, so a module-level singleton would exist three times
 * and the API would publish into a registry the socket handler never sees.
 */
import { createSeededUserDirectory, type UserDirectory } from "./auth/users";
import { createBusFromConfig } from "./bus";
import { createEmailProviderFromConfig } from "./channels/email";
import type { EmailProvider, PushProvider, PushSubscriptionStore } from "./channels/providers";
import { createPushProviderFromConfig } from "./channels/push";
import type { AlertBus } from "./bus/types";
import { type BeaconConfig, loadConfig } from "./config";
import { wireDelivery } from "./delivery";
import { createFixedWindowLimiter, type RateLimiter } from "./http/rate-limiter";
import { createDeliveryLadder, type DeliveryLadder } from "./ladder";
import { renderAlertEmail } from "./channels/email-template";
import { pushPayloadFor } from "./channels/push-payload";
import type { Inbox } from "./inbox/inbox";
import { log } from "./log";
import { createEventHub, type ErrorSource, type EventHub } from "./observe/events";
import { type LoopDelay, watchEventLoopDelay } from "./observe/loop-delay";
import { attachObservers, type Observers } from "./observe/observers";
import { redactString } from "./observe/redact";
import { IdleSweeper } from "./realtime/idle-sweeper";
import { PeerRegistry } from "./realtime/peer-registry";
import { createGroupStore } from "./preferences/group-store";
import { cachePreferences } from "./preferences/cached-preferences";
import { createPreferencesStore } from "./preferences/preferences-store";
import type { GroupStore, PreferencesStore } from "./preferences/types";
import type { Presence } from "./realtime/presence";
import { createRedisPresence } from "./realtime/presence-redis";
import { type AdmissionGate, createAdmissionGate } from "./realtime/admission";
import type { AlertPublisher } from "./services/alert.publisher";
import { type InFlight, trackInFlight } from "./services/in-flight";
import { type AlertStore, createStoreFromConfig } from "./store";
import { createPushSubscriptionStore } from "./store/push-subscriptions";
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
  /** Each user's delivery preferences (the settings page writes them, the ladder reads them). */
  preferences: PreferencesStore;
  /** Family groups: publish to one by `groupId`. */
  groups: GroupStore;
  /** Push and email after an unacknowledged socket delivery: the worker, acks, escalation state. */
  ladder: DeliveryLadder;
  /** Web Push (`enabled: false` without VAPID keys); the ladder's second rung. */
  push: PushProvider;
  /** Each user's browsers/devices that turned push on (POST /api/push/subscriptions). */
  pushSubscriptions: PushSubscriptionStore;
  /** SMTP with SMTP_URL, else .eml files under DATA_DIR/outbox; the ladder's last rung. */
  email: EmailProvider;
  /** In-process events for the dashboard, metrics and logs. */
  events: EventHub;
  /** Prometheus metrics (GET /metrics) and the operators' dashboard feed, both fed by `events`. */
  observers: Observers;
  /** Log a failure and count it for operators (metrics, dashboard). */
  reportError(source: ErrorSource, message: string, error: unknown): void;
  sweeper: IdleSweeper;
  loginLimiter: RateLimiter;
  /** New sockets per second (503 with Retry-After over it). */
  admission: AdmissionGate;
  /** Publishes in progress; a draining server waits for them. */
  inFlight: InFlight;
  /** `draining`: SIGTERM arrived; upgrades are refused and /readyz should say not ready. */
  lifecycle: { draining: boolean };
  loopDelay: LoopDelay;
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
  const bus = createBusFromConfig(config, (error) => reportError("bus", "bus listener failed", error));
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
  const users = createSeededUserDirectory();
  const push = createPushProviderFromConfig(config);
  const email = createEmailProviderFromConfig(config);
  const pushSubscriptions = createPushSubscriptionStore(store);
  const preferences = cachePreferences(createPreferencesStore(store), bus);
  const ladder = createDeliveryLadder({
    store,
    push,
    email,
    subscriptions: pushSubscriptions,
    pushPayloadFor: (alert) => pushPayloadFor(alert, config.appUrl),
    renderEmail: (alert) => renderAlertEmail(alert, config.appUrl),
    preferencesOf: (userId, options) => preferences.get(userId, options),
    emailOf: (userId) => users.findById(userId)?.email ?? null,
    settings: config.ladder,
    pollMs: config.ladder.pollMs,
    leaseMs: config.ladder.leaseMs,
    events,
    onError: (error) => reportError("delivery", "delivery ladder step failed; it is retried when its lease ends", error),
  });
  const wired = wireDelivery({
    registry,
    bus,
    store,
    maxGroupSize: config.maxGroupSize,
    onRecordError: (error) => reportError("store", "could not record a delivery attempt", error),
    events,
    escalation: ladder.hooks,
    escalationOf: (alertId) => ladder.escalations.get(alertId),
    silenceReason: ladder.silenceReason,
    onEscalationError: (error) => reportError("delivery", "could not start an alert's escalation; the worker finds it when due", error),
    presence: config.redisUrl
      ? createRedisPresence({
          url: config.redisUrl,
          prefix: config.redisPrefix,
          serverId: config.serverId,
          leaseMs: config.presenceLeaseMs,
          registry,
          onError: throttledLog("presence: redis unavailable; answering from this server's sockets"),
        })
      : undefined,
  });
  const { presence, inbox } = wired;
  const { publisher, inFlight } = trackInFlight(wired.publisher);
  void store.ready().then(() => ladder.worker.start(), () => {});
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
  log("info", "beacon runtime ready", {
    serverId: config.serverId,
    bus: bus.kind,
    store: store.kind,
    simulator: config.simulatorEnabled,
    push: push.enabled ? "web-push" : "off (no VAPID keys)",
    email: email.kind,
  });

  return {
    config,
    users,
    registry,
    presence,
    bus,
    store,
    publisher,
    inbox,
    preferences,
    groups: createGroupStore(store),
    ladder,
    push,
    pushSubscriptions,
    email,
    events,
    observers,
    reportError,
    sweeper,
    loginLimiter: createFixedWindowLimiter(config.loginRatePerMinute, 60_000),
    admission: createAdmissionGate(config.wsAdmissionsPerSecond),
    inFlight,
    lifecycle: { draining: false },
    loopDelay: watchEventLoopDelay(),
    startedAt,
  };
}

/** One log line per distinct error message per minute: a Redis outage retries many times a second. */
function throttledLog(message: string) {
  const lastLogged = new Map<string, number>();
  return (error: unknown) => {
    const key = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    if ((lastLogged.get(key) ?? 0) > now - 60_000) return;
    lastLogged.set(key, now);
    log("warn", message, { error });
  };
}
