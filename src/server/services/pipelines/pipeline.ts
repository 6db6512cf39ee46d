/**
 * A service pipeline turns one domain event from a detection service into the alert the
 * user sees, by that service's rule. Each pipeline owns its event schema and its rule;
 * the runner validates and hands the result to the publisher.
 */
import { z } from "zod";
import { ALERT_LIMITS, type AlertInput, fitText, type Service, UserIdSchema } from "../../../shared/alert";
import { createError, zodIssues } from "../../errors";
import type { AlertPublisher, DeliveryReport } from "../alert.publisher";

export interface ServicePipeline<E extends { userId: string }> {
  service: Service;
  eventSchema: z.ZodType<E>;
  /** The rule: the alert this event deserves, or null when it deserves none. */
  toAlert(event: E): AlertInput | null;
  /** A realistic event for the dev simulator and docs. */
  sampleEvent(userId: string): E;
}

export function defineServicePipeline<E extends { userId: string }>(pipeline: ServicePipeline<E>): ServicePipeline<E> {
  return pipeline;
}

export type PipelineResult = { published: true; report: DeliveryReport } | { published: false; reason: string };

/** Validates a raw event (400 with the zod issues if bad), applies the rule, publishes. */
export async function runPipeline<E extends { userId: string }>(
  pipeline: ServicePipeline<E>,
  rawEvent: unknown,
  publisher: Pick<AlertPublisher, "publishAlert">,
): Promise<PipelineResult> {
  const parsed = pipeline.eventSchema.safeParse(rawEvent);
  if (!parsed.success) {
    throw createError(400, "invalid_body", `invalid ${pipeline.service} event`, { details: zodIssues(parsed.error) });
  }
  const alert = pipeline.toAlert(parsed.data);
  if (!alert) return { published: false, reason: "event does not meet the alert rule" };
  return { published: true, report: await publisher.publishAlert(parsed.data.userId, fitToLimits(alert)) };
}

/** Rules compose text from producer fields; any event the schema accepts must still make a valid alert. */
function fitToLimits(alert: AlertInput): AlertInput {
  return {
    ...alert,
    title: fitText(alert.title, ALERT_LIMITS.title),
    body: fitText(alert.body, ALERT_LIMITS.body),
    ...(alert.teaser !== undefined ? { teaser: fitText(alert.teaser, ALERT_LIMITS.teaser) } : {}),
  };
}

/** Fields every service event carries. */
export const EventBaseSchema = z.object({ userId: UserIdSchema });

/** Shows enough of an email or phone number to recognise it, not enough to leak it. */
export function maskIdentifier(value: string): string {
  const at = value.indexOf("@");
  if (at > 0) return `${value[0]}${"*".repeat(Math.max(1, Math.min(at - 1, 6)))}${value.slice(at)}`;
  const digits = value.replace(/\D/g, "");
  return digits.length >= 4 ? `•••${digits.slice(-4)}` : "•••";
}
