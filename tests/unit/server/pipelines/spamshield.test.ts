import { describe, expect, it } from "vitest";
import { spamShieldPipeline } from "~/server/services/pipelines/spamshield";

const alertFor = (overrides: Record<string, unknown> = {}) =>
  spamShieldPipeline.toAlert(spamShieldPipeline.eventSchema.parse({ userId: "alice", channel: "call", from: "+1 202 555 0178", ...overrides }))!;

describe("SpamShield: blocked spam alerts", () => {
  it("a blocked call is a low, informational alert", () => {
    const alert = alertFor();
    expect(alert).toMatchObject({ service: "spamshield", severity: "low", title: "Blocked a spam call" });
    expect(alert.body).toMatch(/no action needed/i);
    expect(alert.actionUrl).toBeUndefined();
  });

  it("a blocked text says text message and names the scam category", () => {
    const alert = alertFor({ channel: "sms", category: "package-delivery scam" });
    expect(alert.severity).toBe("low");
    expect(alert.title).toBe("Blocked a spam text message");
    expect(alert.teaser).toBe("From •••0178 (package-delivery scam)");
  });

  it("the sender's number is masked", () => {
    const alert = alertFor();
    expect([alert.teaser, alert.body].join(" ")).not.toContain("202 555");
  });
});
