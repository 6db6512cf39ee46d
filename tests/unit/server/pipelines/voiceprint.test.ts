import { describe, expect, it } from "vitest";
import { SYNTHETIC_THRESHOLD, voicePrintPipeline } from "~/server/services/pipelines/voiceprint";

const alertFor = (overrides: Record<string, unknown>) =>
  voicePrintPipeline.toAlert(
    voicePrintPipeline.eventSchema.parse({
      userId: "alice",
      callId: "call-77",
      callerNumber: "+1 415 555 0134",
      syntheticScore: 0.5,
      ...overrides,
    }),
  );

describe("VoicePrint: synthetic voice alerts", () => {
  it("the default threshold is 0.8", () => {
    expect(SYNTHETIC_THRESHOLD).toBe(0.8);
  });

  it("a score above the threshold is a high alert that tells the user not to act on the call", () => {
    const alert = alertFor({ syntheticScore: 0.93, claimedIdentity: "your bank" });
    expect(alert).toMatchObject({ service: "voiceprint", severity: "high", title: "Synthetic voice detected on a call" });
    expect(alert!.teaser).toBe("Caller •••0134 claiming to be your bank: 93% likely AI-generated");
    expect(alert!.body).toMatch(/do not act on requests/i);
    expect(alert!.actionUrl).toBe("/dashboard?service=voiceprint&call=call-77");
  });

  it("a score slightly below the threshold is a quiet low heads-up", () => {
    const alert = alertFor({ syntheticScore: 0.75 });
    expect(alert).toMatchObject({ severity: "low", title: "Possibly synthetic voice on a call" });
    expect(alert!.teaser).toContain("75%");
  });

  it("a score exactly at the threshold is not yet high", () => {
    expect(alertFor({ syntheticScore: 0.8 })?.severity).toBe("low");
  });

  it("a score far below the threshold produces no alert", () => {
    expect(alertFor({ syntheticScore: 0.3 })).toBeNull();
    expect(alertFor({ syntheticScore: 0 })).toBeNull();
  });

  it("a custom threshold from the event is respected", () => {
    expect(alertFor({ syntheticScore: 0.6, threshold: 0.5 })?.severity).toBe("high");
    expect(alertFor({ syntheticScore: 0.4, threshold: 0.5 })?.severity).toBe("low");
    expect(alertFor({ syntheticScore: 0.2, threshold: 0.5 })).toBeNull();
    expect(alertFor({ syntheticScore: 0.9, threshold: 0.95 })?.severity).toBe("low");
  });

  it("the caller's number is masked to its last four digits", () => {
    const alert = alertFor({ syntheticScore: 0.99 })!;
    expect([alert.teaser, alert.body].join(" ")).not.toContain("415 555");
    expect(alert.body).toContain("•••0134");
  });

  it("call ids are encoded in the action link", () => {
    expect(alertFor({ syntheticScore: 0.99, callId: "a&b=c" })!.actionUrl).toBe("/dashboard?service=voiceprint&call=a%26b%3Dc");
  });

  it("scores outside 0–1 are not valid events", () => {
    for (const syntheticScore of [-0.1, 1.1]) {
      expect(voicePrintPipeline.eventSchema.safeParse({ userId: "a", callId: "c", callerNumber: "123", syntheticScore }).success).toBe(false);
    }
  });
});
