/** DarkWatch: the user's email or phone turned up in a breach dump on the dark web. */
import { z } from "zod";
import type { Severity } from "../../../shared/alert";
import { defineServicePipeline, EventBaseSchema, maskIdentifier } from "./pipeline";

const DarkWatchEventSchema = EventBaseSchema.extend({
  breachName: z.string().trim().min(1).max(120),
  identifier: z.object({ kind: z.enum(["email", "phone"]), value: z.string().trim().min(3).max(254) }),
  dataClasses: z.array(z.string().trim().min(1).max(60)).min(1).max(50),
  discoveredAt: z.iso.datetime().optional(),
});
type DarkWatchEvent = z.infer<typeof DarkWatchEventSchema>;

/** Credentials or an SSN let someone act as the user right now. */
const CRITICAL = /password|passcode|ssn|social security/i;
const HIGH = /credit card|card number|bank|iban|passport|driver'?s licen[cs]e|dates? of birth|security question/i;

export function darkWatchSeverity(dataClasses: readonly string[]): Severity {
  if (dataClasses.some((c) => CRITICAL.test(c))) return "critical";
  if (dataClasses.some((c) => HIGH.test(c))) return "high";
  return "medium";
}

export const darkWatchPipeline = defineServicePipeline<DarkWatchEvent>({
  service: "darkwatch",
  eventSchema: DarkWatchEventSchema,
  toAlert(event) {
    const severity = darkWatchSeverity(event.dataClasses);
    const who = maskIdentifier(event.identifier.value);
    return {
      service: "darkwatch",
      severity,
      title: `Your ${event.identifier.kind} was exposed in the ${event.breachName} breach`,
      teaser: `${who} appeared with: ${event.dataClasses.slice(0, 4).join(", ")}`,
      body:
        `DarkWatch found ${who} in data from the ${event.breachName} breach. Exposed: ${event.dataClasses.join(", ")}.` +
        (severity === "critical" ? " Change the affected passwords now and turn on two-factor sign-in." : ""),
      actionUrl: "/dashboard?service=darkwatch",
      actionLabel: severity === "critical" ? "Secure your accounts" : "Review exposure",
    };
  },
  sampleEvent: (userId) => ({
    userId,
    breachName: "MegaShop 2026",
    identifier: { kind: "email", value: `${userId}@example.com` },
    dataClasses: ["email", "password", "phone number"],
  }),
});
