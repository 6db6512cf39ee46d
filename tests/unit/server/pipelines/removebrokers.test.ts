import { describe, expect, it } from "vitest";
import { removeBrokersPipeline } from "~/server/services/pipelines/removebrokers";

const parse = (overrides: Record<string, unknown> = {}) =>
  removeBrokersPipeline.eventSchema.safeParse({ userId: "alice", brokerName: "PeopleFinderPro", ...overrides });
const alertFor = (overrides: Record<string, unknown> = {}) => removeBrokersPipeline.toAlert(parse(overrides).data!)!;

describe("RemoveBrokers: data-broker listing alerts", () => {
  it("a listing is a medium alert that links to it", () => {
    const alert = alertFor({ listingUrl: "https://peoplefinder.example/listing/8841", dataFound: ["home address", "phone number"] });
    expect(alert).toMatchObject({
      service: "removebrokers",
      severity: "medium",
      title: "You are listed on PeopleFinderPro",
      actionUrl: "https://peoplefinder.example/listing/8841",
      actionLabel: "View listing",
      teaser: "Shows home address, phone number",
    });
    expect(alert.body).toContain("It shows: home address, phone number.");
  });

  it("without a listing link there is no call to action", () => {
    const alert = alertFor();
    expect(alert.severity).toBe("medium");
    expect(alert.actionUrl).toBeUndefined();
    expect(alert.actionLabel).toBeUndefined();
    expect(alert.teaser).toBeUndefined();
  });

  it("a listing link that is a script is not a valid event", () => {
    expect(parse({ listingUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(parse({ listingUrl: "//evil.example" }).success).toBe(false);
  });
});
