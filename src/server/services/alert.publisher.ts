/**
 * The one way alerts enter Beacon. `publishAlert` validates, stamps id and time, and
 * walks the delivery channels in order (socket first; push and email are later rungs)
 * until one delivers. It reports per user what happened; it never throws for a channel's
 * failure, only for input it refuses.
 */
import { z } from "zod";
import { type Alert, type AlertInput, AlertInputSchema, UserIdSchema } from "../../shared/alert";
import type { ChannelName, DeliveryChannel, DeliveryOutcome } from "../channels/types";
import { createError, zodIssues } from "../errors";
import type { UnreadCounter } from "../inbox/unread-counter";
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
  channels: readonly DeliveryChannel[];
  unread: UnreadCounter;
  maxGroupSize: number;
  now?: () => Date;
}

export function createAlertPublisher(deps: AlertPublisherDeps): AlertPublisher {
  const now = deps.now ?? (() => new Date());
  // Repeated ids are one member: dedupe before the size check so they do not count twice.
  const groupSchema = z
    .array(UserIdSchema)
    .min(1)
    .transform((ids) => [...new Set(ids)])
    .pipe(z.array(z.string()).max(deps.maxGroupSize));

  async function deliver(alert: Alert): Promise<DeliveryReport> {
    deps.unread.increment(alert.userId);
    const attempts: DeliveryOutcome[] = [];
    for (const channel of deps.channels) {
      const outcome = await attempt(channel, alert);
      attempts.push(outcome);
      if (outcome.status === "delivered") {
        return { alertId: alert.id, userId: alert.userId, status: DELIVERED[channel.name], channel: channel.name, attempts };
      }
    }
    const noSocket = attempts.some((a) => a.channel === "websocket" && a.status === "skipped");
    return { alertId: alert.id, userId: alert.userId, status: noSocket ? "no_live_socket" : "failed", channel: null, attempts };
  }

  function stamp(userId: string, input: AlertInput): Alert {
    const createdAt = now();
    return { ...input, id: newAlertId(createdAt.getTime()), userId, createdAt: createdAt.toISOString() };
  }

  return {
    async publishAlert(userId, alert) {
      const user = UserIdSchema.safeParse(userId);
      if (!user.success) throw invalid("userId", user.error);
      return deliver(stamp(user.data, validate(alert)));
    },
    async publishToGroup(userIds, alert) {
      const group = groupSchema.safeParse(userIds);
      if (!group.success) throw invalid("userIds", group.error);
      const input = validate(alert);
      return Promise.all(group.data.map((userId) => deliver(stamp(userId, input))));
    },
  };
}

function validate(alert: AlertInput): AlertInput {
  const parsed = AlertInputSchema.safeParse(alert);
  if (!parsed.success) throw invalid("alert", parsed.error);
  return parsed.data;
}

function invalid(what: string, error: z.ZodError) {
  return createError(400, "invalid_body", `invalid ${what}`, { details: zodIssues(error) });
}

async function attempt(channel: DeliveryChannel, alert: Alert): Promise<DeliveryOutcome> {
  try {
    return await channel.deliver(alert);
  } catch (error) {
    return {
      channel: channel.name,
      status: "failed",
      at: new Date().toISOString(),
      reason: error instanceof Error ? error.message : "channel threw",
    };
  }
}
