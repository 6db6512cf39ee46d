/**
 * The one way alerts enter Beacon. `publishAlert` validates, stamps id and time, stores the
 * alert with its escalation (durable before anything else happens), then walks the delivery
 * channels in order (the socket) until one delivers, records each attempt on the alert, and
 * hands the alert to the escalation ladder (src/server/ladder/), which climbs to push and
 * email later, on its own, if no tab acknowledges it: the caller never waits for those. It
 * throws only for input it refuses (400) or when the store cannot take the alert (503: not
 * accepted, so the caller retries); a channel's failure is reported.
 */
import { z } from "zod";
import { type Alert, type AlertInput, AlertInputSchema, UserIdSchema } from "../../shared/alert";
import type { ChannelName, DeliveryChannel, DeliveryOutcome } from "../channels/types";
import { createError, zodIssues } from "../errors";
import { extend } from "../extend";
import { isPromise } from "../maybe-promise";
import type { EventHub } from "../observe/events";
import type { EscalationHooks } from "../ladder/acknowledgements";
import type { AlertStore, DeliveryRecordInput, UnsequencedAlert } from "../store/types";
import { newAlertId } from "./alert-id";

export interface DeliveryReport {
  alertId: string;
  userId: string;
  /**
   * `delivered_live`: at least one of the user's sockets got it; `no_live_socket`: the
   * user had none and no later channel delivered; `delivered_<channel>` for the fallbacks;
   * `failed`: every channel that applied failed.
   */
  status: "delivered_live" | "delivered_push" | "delivered_email" | "no_live_socket" | "failed";
  /** The channel that delivered, or null when none did. */
  channel: ChannelName | null;
  attempts: DeliveryOutcome[];
}

const DELIVERED = {
  websocket: "delivered_live",
  push: "delivered_push",
  email: "delivered_email",
} as const satisfies Record<ChannelName, DeliveryReport["status"]>;

export interface AlertPublisher {
  publishAlert(userId: string, alert: AlertInput): Promise<DeliveryReport>;
  /** For family groups: one alert per member (each with its own id), delivered to each. */
  publishToGroup(userIds: readonly string[], alert: AlertInput): Promise<DeliveryReport[]>;
}

export interface AlertPublisherDeps {
  store: Pick<AlertStore, "insert" | "recordDeliveries">;
  channels: readonly DeliveryChannel[];
  maxGroupSize: number;
  now?: () => Date;
  /** Writing the delivery record failed; the alert itself is stored and was delivered. */
  onRecordError?: (error: unknown) => void;
  /** Told of each accepted alert and each delivery outcome (dashboard, metrics). */
  events?: EventHub;
  /** The delivery ladder's start: its first step is stored with the alert, then it is told how the socket went. */
  escalation?: Pick<EscalationHooks, "escalateAfterMs" | "accepted">;
  /** The ladder could not be told (its step is stored; the worker still finds it when due). */
  onEscalationError?: (error: unknown) => void;
}

export function createAlertPublisher(deps: AlertPublisherDeps): AlertPublisher {
  const now = deps.now ?? (() => new Date());
  // Repeated ids are one member: dedupe before the size check so they do not count twice.
  const groupSchema = z
    .array(UserIdSchema)
    .min(1)
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.string()).max(deps.maxGroupSize));

  // The hot path awaits inline rather than through small async helpers, and does not wrap the
  // promises it does not wait for: each async function is one promise more per alert, and on
  // Node 20, with AsyncLocalStorage in use (SolidStart), every promise also runs async hooks.
  // `pnpm bench` counted 51 promises per HTTP publish and its ack (2026-11-30 results).
  const insert = (alerts: UnsequencedAlert[]) => deps.store.insert(alerts, { escalateAfterMs: deps.escalation?.escalateAfterMs });

  async function deliver(alert: Alert): Promise<DeliveryReport> {
    const attempts: DeliveryOutcome[] = [];
    let delivered: ChannelName | null = null;
    for (const channel of deps.channels) {
      let outcome: DeliveryOutcome;
      try {
        const answer = channel.deliver(alert);
        outcome = isPromise(answer) ? await answer : answer;
      } catch (error) {
        outcome = thrown(channel, error);
      }
      attempts.push(outcome);
      if (outcome.status === "delivered") {
        delivered = channel.name;
        break;
      }
    }
    record(alert, attempts);
    announce(alert, attempts);
    startEscalation(alert, attempts);
    if (delivered) return { alertId: alert.id, userId: alert.userId, status: DELIVERED[delivered], channel: delivered, attempts };
    const noSocket = attempts.some((a) => a.channel === "websocket" && a.status === "skipped");
    return { alertId: alert.id, userId: alert.userId, status: noSocket ? "no_live_socket" : "failed", channel: null, attempts };
  }

  /** Not awaited: the record is bookkeeping, and the caller's answer should not wait for its commit. */
  function record(alert: Alert, attempts: DeliveryOutcome[]): void {
    try {
      deps.store.recordDeliveries(attempts.map((outcome) => deliveryRecord(alert.id, outcome))).catch((error) => deps.onRecordError?.(error));
    } catch (error) {
      deps.onRecordError?.(error);
    }
  }

  /** Not awaited either; its first step is stored with the alert, so the worker finds it when due whatever happens here. */
  function startEscalation(alert: Alert, attempts: DeliveryOutcome[]): void {
    if (!deps.escalation) return;
    try {
      deps.escalation.accepted(alert, attempts)?.catch((error) => deps.onEscalationError?.(error));
    } catch (error) {
      deps.onEscalationError?.(error);
    }
  }

  function announce(alert: Alert, attempts: DeliveryOutcome[]): void {
    const events = deps.events;
    if (!events) return;
    const { id, userId, service, severity, title, createdAt } = alert;
    events.emit({ type: "published", at: createdAt, alert: { id, userId, service, severity, title, createdAt } });
    const created = Date.parse(createdAt);
    for (const outcome of attempts) {
      const { detail } = deliveryRecord(alert.id, outcome);
      const latencyMs = Math.max(0, Date.parse(outcome.at) - created);
      events.emit({ type: "delivery", at: outcome.at, alertId: id, userId, channel: outcome.channel, status: outcome.status, detail, latencyMs });
    }
  }

  function stamp(userId: string, input: AlertInput, createdAt: Date): UnsequencedAlert {
    return extend(input, { id: newAlertId(createdAt.getTime()), userId, createdAt: createdAt.toISOString() });
  }

  return {
    async publishAlert(userId, alert) {
      const user = UserIdSchema.safeParse(userId);
      if (!user.success) throw invalid("userId", user.error);
      const stamped = stamp(user.data, validate(alert), now());
      let stored: Alert[];
      try {
        stored = await insert([stamped]);
      } catch (error) {
        throw notAccepted(error);
      }
      // Awaited, not returned: an async function that returns a promise takes two more to adopt it.
      return await deliver(stored[0]!);
    },
    async publishToGroup(userIds, alert) {
      const group = groupSchema.safeParse(userIds);
      if (!group.success) throw invalid("userIds", group.error);
      const input = validate(alert);
      const createdAt = now();
      // Every member's copy in one transaction: the family gets the alert, or nobody does and the caller hears why.
      const stored = await insert(group.data.map((userId) => stamp(userId, input, createdAt))).catch((error: unknown) => {
        throw notAccepted(error);
      });
      return Promise.all(stored.map(deliver));
    },
  };
}

/** The store could not take the alert: not accepted, so the caller retries. */
function notAccepted(cause: unknown) {
  return createError(503, "store_unavailable", "the alert could not be stored, so it was not accepted; retry", {
    headers: { "retry-after": "1" },
    cause,
  });
}

function deliveryRecord(alertId: string, outcome: DeliveryOutcome): DeliveryRecordInput {
  const detail = outcome.status === "delivered" ? (outcome.detail ?? null) : outcome.reason;
  return { alertId, channel: outcome.channel, status: outcome.status, at: outcome.at, detail };
}

function validate(alert: AlertInput): AlertInput {
  const parsed = AlertInputSchema.safeParse(alert);
  if (!parsed.success) throw invalid("alert", parsed.error);
  return parsed.data;
}

function invalid(what: string, error: z.ZodError) {
  return createError(400, "invalid_body", `invalid ${what}`, { details: zodIssues(error) });
}

function thrown(channel: DeliveryChannel, error: unknown): DeliveryOutcome {
  return {
    channel: channel.name,
    status: "failed",
    at: new Date().toISOString(),
    reason: error instanceof Error ? error.message : "channel threw",
  };
}
