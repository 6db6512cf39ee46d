import { describe, expect, it } from "vitest";
import { isBeaconError } from "~/server/errors";
import { PIPELINES } from "~/server/services/pipelines";
import { maskIdentifier, runPipeline } from "~/server/services/pipelines/pipeline";
import { voicePrintPipeline } from "~/server/services/pipelines/voiceprint";
import { AlertInputSchema, SERVICES } from "~/shared/alert";
import { alertsOn, localBeacon } from "../local-beacon";

describe("running a service event through its pipeline", () => {
  it.each(SERVICES)("%s: the sample event is valid and publishes a valid alert to the user's tab", async (service) => {
    const pipeline = PIPELINES[service];
    const sample = pipeline.sampleEvent("user:42@tenant.example");
    expect(pipeline.eventSchema.safeParse(sample).success).toBe(true);

    const { publisher, connect } = localBeacon();
    const tab = await connect("user:42@tenant.example");
    const result = await runPipeline(pipeline, sample, publisher);

    expect(result).toMatchObject({ published: true, report: { status: "delivered_live" } });
    const [alert] = alertsOn(tab);
    expect(alert.service).toBe(service);
    expect(AlertInputSchema.safeParse(alert).success).toBe(true);
  });

  it.each(SERVICES)("%s: a bad event is refused with 400 naming the service", async (service) => {
    const { publisher } = localBeacon();
    try {
      await runPipeline(PIPELINES[service], { userId: "alice", unexpected: true }, publisher);
      expect.unreachable("a bad event must be refused");
    } catch (error) {
      expect(isBeaconError(error)).toBe(true);
      if (!isBeaconError(error)) return;
      expect(error.status).toBe(400);
      expect(error.code).toBe("invalid_body");
      expect(error.message).toContain(service);
      expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]));
    }
  });

  it("an event for an invalid user id is refused before anything is published", async () => {
    const { publisher, unread } = localBeacon();
    const sample = { ...PIPELINES.spamshield.sampleEvent("alice"), userId: "../admin" };
    await expect(runPipeline(PIPELINES.spamshield, sample, publisher)).rejects.toMatchObject({ status: 400 });
    expect(await unread("../admin")).toBe(0);
  });

  it("an event below the alert rule publishes nothing and says why", async () => {
    const { publisher, connect, unread } = localBeacon();
    const tab = await connect("alice");
    const event = { userId: "alice", callId: "c1", callerNumber: "+1 415 555 0134", syntheticScore: 0.1 };

    const result = await runPipeline(voicePrintPipeline, event, publisher);

    expect(result).toEqual({ published: false, reason: expect.any(String) });
    expect(alertsOn(tab)).toEqual([]);
    expect(await unread("alice")).toBe(0);
  });
});

describe("masking identifiers", () => {
  it("keeps the first letter and the domain of an email", () => {
    expect(maskIdentifier("alice@example.com")).toBe("a****@example.com");
    expect(maskIdentifier("a@example.com")).toBe("a*@example.com");
    expect(maskIdentifier("averyveryverylongname@example.com")).toBe("a******@example.com");
  });

  it("keeps only the last four digits of a phone number", () => {
    expect(maskIdentifier("+1 (415) 555-0134")).toBe("•••0134");
    expect(maskIdentifier("12")).toBe("•••");
  });
});
