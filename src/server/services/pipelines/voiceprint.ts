/** VoicePrint: a call to the user was analysed for a synthetic (cloned or generated) voice. */
import { z } from "zod";
import { defineServicePipeline, EventBaseSchema, maskIdentifier } from "./pipeline";

/** Default score above which we call a voice synthetic. */
export const SYNTHETIC_THRESHOLD = 0.8;
/** Scores this close below the threshold are still worth a quiet heads-up. */
const SUSPICION_MARGIN = 0.2;

const VoicePrintEventSchema = EventBaseSchema.extend({
  callId: z.string().trim().min(1).max(128),
  callerNumber: z.string().trim().min(3).max(32),
  syntheticScore: z.number().min(0).max(1),
  threshold: z.number().gt(0).max(1).optional(),
  claimedIdentity: z.string().trim().min(1).max(120).optional(),
});
type VoicePrintEvent = z.infer<typeof VoicePrintEventSchema>;

export const voicePrintPipeline = defineServicePipeline<VoicePrintEvent>({
  service: "voiceprint",
  eventSchema: VoicePrintEventSchema,
  toAlert(event) {
    const threshold = event.threshold ?? SYNTHETIC_THRESHOLD;
    const percent = Math.round(event.syntheticScore * 100);
    const caller = maskIdentifier(event.callerNumber);
    const claimed = event.claimedIdentity ? ` claiming to be ${event.claimedIdentity}` : "";
    if (event.syntheticScore > threshold) {
      return {
        service: "voiceprint",
        severity: "high",
        title: "Synthetic voice detected on a call",
        teaser: `Caller ${caller}${claimed}: ${percent}% likely AI-generated`,
        body: `A call from ${caller}${claimed} used a voice that is ${percent}% likely to be synthetic. Do not act on requests from this call; call the person back on a number you trust.`,
        actionUrl: `/dashboard?service=voiceprint&call=${encodeURIComponent(event.callId)}`,
        actionLabel: "Review call",
      };
    }
    if (event.syntheticScore > threshold - SUSPICION_MARGIN) {
      return {
        service: "voiceprint",
        severity: "low",
        title: "Possibly synthetic voice on a call",
        teaser: `Caller ${caller}: ${percent}% likely AI-generated`,
        body: `A call from ${caller}${claimed} scored ${percent}% on synthetic-voice analysis, just under our alert threshold. Be careful with requests for money or codes.`,
      };
    }
    return null;
  },
  sampleEvent: (userId) => ({
    userId,
    callId: `call-${Date.now()}`,
    callerNumber: "+1 415 555 0134",
    syntheticScore: 0.93,
    claimedIdentity: "your bank",
  }),
});
