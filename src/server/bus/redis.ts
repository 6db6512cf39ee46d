/**
 * The bus between servers: Redis pub/sub on one channel. Local fan-out never waits for Redis:
 * `publish` hands the message to this process's listeners first, then sends one JSON envelope
 * (serialised once) that every other server receives and hands to its own listeners.
 *
 * While Redis is unreachable nothing queues up: publishes are not sent (the publisher
 * connection has no offline queue) and counted. Nothing accepted is lost, because the store
 * already has every alert; on recovery the bus makes the affected connections re-read it:
 * - this server's subscriber reconnected → it may have missed anyone's message → resync every
 *   local connection;
 * - this server could not publish → once it can again, it publishes a resync naming the users
 *   whose messages it dropped (or "everyone" past a cap), and every server resyncs those.
 */
import { Redis } from "ioredis";
import { z } from "zod";
import { makeListenerSet } from "./listeners";
import type { AlertBus, BusMessage, BusStatus, ResyncListener } from "./types";

export interface RedisBusOptions {
  url: string;
  /** Key/channel prefix, so several clusters (or test runs) can share one Redis. */
  prefix: string;
  /** This process; its own envelopes coming back from Redis are skipped (already delivered locally). */
  serverId: string;
  onListenerError?: (error: unknown) => void;
  /** State changes worth a log line: lost, recovered, resync. */
  onNotice?: (level: "info" | "warn" | "error", message: string, fields: Record<string, unknown>) => void;
  /** Users remembered per outage before the resync becomes "everyone". */
  maxDroppedUsers?: number;
}

const EnvelopeSchema = z.union([
  z.object({ from: z.string(), message: z.looseObject({ type: z.string() }) }),
  z.object({ from: z.string(), resync: z.array(z.string()).nullable() }),
]);

export function createRedisBus(options: RedisBusOptions) {
  const channel = `${options.prefix}bus`;
  const notice = options.onNotice ?? (() => {});
  const listeners = makeListenerSet<BusMessage>(options.onListenerError ?? (() => {}));
  const resyncListeners = makeListenerSet<readonly string[] | null>(options.onListenerError ?? (() => {}));
  const maxDroppedUsers = options.maxDroppedUsers ?? 10_000;
  const counters = { errors: 0, dropped: 0, resyncs: 0 };
  let lastError: { message: string; at: string } | null = null;
  let closing = false;
  // Users whose messages did not reach Redis since it was last reachable; "all" past the cap.
  let droppedUsers: Set<string> | "all" | null = null;

  const publisher = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `beacon-pub:${options.serverId}` });
  // The subscriber keeps ioredis's offline queue: it only ever holds the one SUBSCRIBE. It does
  // not resubscribe by itself after a reconnect: the "ready" handler below does, with its error
  // handled. ioredis's own resubscribe drops its promise, so a connection that closed again
  // before Redis answered left an unhandled rejection ("Connection is closed.").
  const subscriber = new Redis(options.url, { connectionName: `beacon-sub:${options.serverId}`, autoResubscribe: false });

  // A reconnect loop fails every couple of seconds: log each distinct error once a minute.
  const loggedAt = new Map<string, number>();
  function recordError(error: unknown, where: string): void {
    counters.errors++;
    const message = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    lastError = { message, at: new Date(now).toISOString() };
    const key = `${where}:${message}`;
    if (closing || (loggedAt.get(key) ?? -Infinity) > now - 60_000) return;
    loggedAt.set(key, now);
    notice("error", `redis bus ${where} error`, { error: message });
  }
  publisher.on("error", (error) => recordError(error, "publisher"));
  subscriber.on("error", (error) => recordError(error, "subscriber"));

  let subscriberWasReady = false;
  let subscriberLost = false;
  publisher.on("close", () => {
    if (!closing && droppedUsers === null) recordError(new Error("publisher connection closed"), "publisher");
  });
  subscriber.on("close", () => {
    if (subscriberWasReady && !subscriberLost && !closing) {
      subscriberLost = true;
      recordError(new Error("subscriber connection closed"), "subscriber");
      notice("warn", "redis bus lost its subscription; local delivery continues, other servers' alerts wait for recovery", {});
    }
  });
  subscriber.on("ready", () => {
    const recovering = subscriberLost;
    subscriberWasReady = true;
    subscriberLost = false;
    if (!recovering) return;
    // Resubscribe explicitly before resyncing, so nothing falls between the two.
    subscriber.subscribe(channel).then(
      () => {
        notice("info", "redis bus subscription restored; local connections re-read the store", {});
        resync(null);
      },
      (error) => recordError(error, "resubscribe"),
    );
  });
  const subscribed = subscriber.subscribe(channel).catch((error) => recordError(error, "subscribe"));

  subscriber.on("message", (_channel: string, text: string) => {
    let envelope: z.infer<typeof EnvelopeSchema>;
    try {
      envelope = EnvelopeSchema.parse(JSON.parse(text));
    } catch (error) {
      recordError(error, "envelope");
      return;
    }
    if (envelope.from === options.serverId) return;
    if ("resync" in envelope) resync(envelope.resync);
    else listeners.emit(envelope.message as BusMessage);
  });

  publisher.on("ready", () => {
    if (droppedUsers === null) return;
    const users = droppedUsers === "all" ? null : [...droppedUsers];
    droppedUsers = null;
    notice("info", "redis bus publishing again; other servers re-read the store for what they missed", { users: users?.length ?? "all" });
    send(JSON.stringify({ from: options.serverId, resync: users }), users === null ? null : users);
  });

  function resync(userIds: readonly string[] | null): void {
    counters.resyncs++;
    resyncListeners.emit(userIds);
  }

  function rememberDropped(userIds: readonly string[] | null): void {
    counters.dropped++;
    if (droppedUsers === "all") return;
    if (userIds === null) {
      droppedUsers = "all";
      return;
    }
    // A message about nobody in particular (cluster stats) needs no re-read.
    if (userIds.length === 0) return;
    droppedUsers ??= new Set();
    for (const id of userIds) droppedUsers.add(id);
    if (droppedUsers.size > maxDroppedUsers) droppedUsers = "all";
  }

  function send(text: string, affected: readonly string[] | null): void {
    if (publisher.status !== "ready") {
      rememberDropped(affected);
      return;
    }
    publisher.publish(channel, text).catch((error) => {
      recordError(error, "publish");
      rememberDropped(affected);
    });
  }

  return {
    kind: "redis",
    publish(message: BusMessage) {
      listeners.emit(message);
      send(JSON.stringify({ from: options.serverId, message }), usersOf(message));
    },
    subscribe: listeners.add,
    onResync: (listener: ResyncListener) => resyncListeners.add(listener),
    status(): BusStatus {
      return {
        kind: "redis",
        connected: publisher.status === "ready" && subscriber.status === "ready",
        lastError: lastError?.message ?? null,
        lastErrorAt: lastError?.at ?? null,
        ...counters,
      };
    },
    /** Resolves once the subscription is in place (tests and start-up logs). */
    ready: () => subscribed.then(() => undefined),
    async close() {
      closing = true;
      listeners.clear();
      resyncListeners.clear();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
      publisher.disconnect();
      subscriber.disconnect();
    },
  } satisfies AlertBus & { ready(): Promise<void> };
}

/** Whose connections must re-read the store if this message is lost (none for messages about no user). */
function usersOf(message: BusMessage): readonly string[] {
  const loose = message as { alert?: { userId?: unknown }; userId?: unknown };
  if (typeof loose.alert?.userId === "string") return [loose.alert.userId];
  if (typeof loose.userId === "string") return [loose.userId];
  return [];
}
