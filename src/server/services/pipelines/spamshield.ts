/** SpamShield: a spam call or SMS to the user was blocked. Informational: nothing to do. */
import { z } from "zod";
import { defineServicePipeline, EventBaseSchema, maskIdentifier } from "./pipeline";

const SpamShieldEventSchema = EventBaseSchema.extend({
  channel: z.enum(["call", "sms"]),
  from: z.string().trim().min(1).max(32),
  category: z.string().trim().min(1).max(60).optional(),
  blockedAt: z.iso.datetime().optional(),
});
type SpamShieldEvent = z.infer<typeof SpamShieldEventSchema>;

export const spamShieldPipeline = defineServicePipeline<SpamShieldEvent>({
  service: "spamshield",
  eventSchema: SpamShieldEventSchema,
  toAlert(event) {
    const what = event.channel === "call" ? "call" : "text message";
    const from = maskIdentifier(event.from);
    const kind = event.category ? ` (${event.category})` : "";
    return {
      service: "spamshield",
      severity: "low",
      title: `Blocked a spam ${what}`,
      teaser: `From ${from}${kind}`,
      body: `SpamShield blocked a ${what} from ${from}${kind}. No action needed.`,
    };
  },
  sampleEvent: (userId) => ({ userId, channel: "sms", from: "+1 202 555 0178", category: "package-delivery scam" }),
});
