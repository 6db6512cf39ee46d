/**
 * deliveryPolicy: what a user's preferences allow for one alert at one moment. Times are
 * chosen in the user's zone and written as UTC instants, so a test that ignored the zone
 * would answer differently.
 */
import { describe, expect, it } from "vitest";
import { deliveryPolicy, withinQuietHours } from "~/server/preferences/policy";
import type { Service, Severity } from "~/shared/alert";
import { defaultPreferences, type Preferences } from "~/shared/preferences";

function prefs(change: (p: Preferences) => void = () => {}): Preferences {
  const preferences = defaultPreferences();
  change(preferences);
  return preferences;
}

function alert(severity: Severity, service: Service = "darkwatch") {
  return { service, severity };
}

const NOON_UTC = new Date("2026-01-15T12:00:00Z");

describe("deliveryPolicy with the defaults", () => {
  it("allows every channel for a high alert", () => {
    expect(deliveryPolicy(prefs(), alert("high"), NOON_UTC)).toEqual({ toast: true, push: true, email: true, reasons: {} });
  });

  it("sends no email below the default email severity (high), but still toasts and pushes", () => {
    expect(deliveryPolicy(prefs(), alert("medium"), NOON_UTC)).toEqual({
      toast: true,
      push: true,
      email: false,
      reasons: { email: "below_email_severity" },
    });
  });

  it("pushes nothing below the default push severity (low); info still toasts", () => {
    const policy = deliveryPolicy(prefs(), alert("info"), NOON_UTC);
    expect(policy).toMatchObject({ toast: true, push: false, email: false });
    expect(policy.reasons).toEqual({ push: "below_push_severity", email: "below_email_severity" });
  });
});

describe("minimum severities", () => {
  const mediumPush = prefs((p) => (p.minSeverity = { push: "medium", email: "medium" }));

  it("allows an alert exactly at the minimum", () => {
    expect(deliveryPolicy(mediumPush, alert("medium"), NOON_UTC)).toMatchObject({ push: true, email: true });
  });

  it("refuses one just below it, for push and email separately", () => {
    const onlyEmailHigh = prefs((p) => (p.minSeverity = { push: "info", email: "critical" }));
    expect(deliveryPolicy(mediumPush, alert("low"), NOON_UTC)).toMatchObject({ push: false, email: false });
    expect(deliveryPolicy(onlyEmailHigh, alert("high"), NOON_UTC)).toMatchObject({
      push: true,
      email: false,
      reasons: { email: "below_email_severity" },
    });
    expect(deliveryPolicy(onlyEmailHigh, alert("info"), NOON_UTC)).toMatchObject({ push: true });
  });

  it("never touches the toast", () => {
    const strict = prefs((p) => (p.minSeverity = { push: "critical", email: "critical" }));
    expect(deliveryPolicy(strict, alert("info"), NOON_UTC).toast).toBe(true);
  });
});

describe("per-service switches", () => {
  const spamMuted = prefs((p) => (p.channels.spamshield = { toast: false, push: false, email: false }));

  it("turn each channel off for that service only", () => {
    expect(deliveryPolicy(spamMuted, alert("high", "spamshield"), NOON_UTC)).toEqual({
      toast: false,
      push: false,
      email: false,
      reasons: { toast: "toast_off_for_service", push: "push_off_for_service", email: "email_off_for_service" },
    });
    expect(deliveryPolicy(spamMuted, alert("high", "darkwatch"), NOON_UTC)).toMatchObject({ toast: true, push: true, email: true });
  });

  it("are independent per channel", () => {
    const emailOnly = prefs((p) => (p.channels.hometitle = { toast: false, push: false, email: true }));
    expect(deliveryPolicy(emailOnly, alert("high", "hometitle"), NOON_UTC)).toMatchObject({ toast: false, push: false, email: true });
  });

  it("say the switch is why, even when a severity floor would also refuse", () => {
    const both = prefs((p) => {
      p.channels.darkwatch.push = false;
      p.minSeverity.push = "critical";
    });
    expect(deliveryPolicy(both, alert("low"), NOON_UTC).reasons.push).toBe("push_off_for_service");
  });
});

describe("Do not disturb", () => {
  const dnd = prefs((p) => (p.doNotDisturb = true));

  it("silences toasts and push; email still follows its own rules", () => {
    expect(deliveryPolicy(dnd, alert("high"), NOON_UTC)).toEqual({
      toast: false,
      push: false,
      email: true,
      reasons: { toast: "do_not_disturb", push: "do_not_disturb" },
    });
    expect(deliveryPolicy(dnd, alert("medium"), NOON_UTC)).toMatchObject({ email: false, reasons: { email: "below_email_severity" } });
  });

  it("is the reason given even when the service's switches are off", () => {
    const both = prefs((p) => {
      p.doNotDisturb = true;
      p.channels.darkwatch = { toast: false, push: false, email: true };
    });
    expect(deliveryPolicy(both, alert("high"), NOON_UTC).reasons).toEqual({ toast: "do_not_disturb", push: "do_not_disturb" });
  });
});

describe("critical alerts cannot be muted", () => {
  it("reach every channel under DND, quiet hours, switches off and the strictest floors", () => {
    const everythingOff = prefs((p) => {
      p.doNotDisturb = true;
      p.channels.darkwatch = { toast: false, push: false, email: false };
      p.minSeverity = { push: "critical", email: "critical" };
      p.quietHours = { enabled: true, start: "00:00", end: "23:59", timeZone: "UTC" };
    });
    expect(deliveryPolicy(everythingOff, alert("critical"), NOON_UTC)).toEqual({ toast: true, push: true, email: true, reasons: {} });
  });

  it("while a high alert under the same preferences reaches nothing", () => {
    const everythingOff = prefs((p) => {
      p.doNotDisturb = true;
      p.channels.darkwatch = { toast: false, push: false, email: false };
    });
    expect(deliveryPolicy(everythingOff, alert("high"), NOON_UTC)).toMatchObject({ toast: false, push: false, email: false });
  });
});

describe("quiet hours", () => {
  // 22:00–07:00 in New York: EST (UTC−5) in January, EDT (UTC−4) in July.
  const newYorkNights = prefs((p) => (p.quietHours = { enabled: true, start: "22:00", end: "07:00", timeZone: "America/New_York" }));
  const at = (iso: string) => deliveryPolicy(newYorkNights, alert("high"), new Date(iso));

  it("hold push and email from the start minute, across midnight, until the end minute (winter)", () => {
    expect(at("2026-01-16T02:59:00Z")).toMatchObject({ push: true, email: true }); // 21:59 EST
    expect(at("2026-01-16T03:00:00Z")).toEqual({ toast: true, push: false, email: false, reasons: { push: "quiet_hours", email: "quiet_hours" } }); // 22:00
    expect(at("2026-01-16T05:00:00Z")).toMatchObject({ push: false, email: false }); // 00:00
    expect(at("2026-01-16T05:30:00Z")).toMatchObject({ push: false, email: false }); // 00:30
    expect(at("2026-01-16T11:59:00Z")).toMatchObject({ push: false, email: false }); // 06:59
    expect(at("2026-01-16T12:00:00Z")).toMatchObject({ push: true, email: true }); // 07:00
  });

  it("follow the zone's summer time", () => {
    expect(at("2026-07-16T02:00:00Z")).toMatchObject({ push: false }); // 22:00 EDT
    expect(at("2026-07-16T01:59:00Z")).toMatchObject({ push: true }); // 21:59 EDT
    expect(at("2026-07-16T11:00:00Z")).toMatchObject({ push: true }); // 07:00 EDT (a fixed UTC−5 would say 06:00: still quiet)
  });

  it("are judged in the user's zone, not UTC: 03:00 UTC is quiet in New York and not in London", () => {
    const london = prefs((p) => (p.quietHours = { enabled: true, start: "22:00", end: "07:00", timeZone: "Europe/London" }));
    const instant = new Date("2026-01-16T03:00:00Z");
    expect(deliveryPolicy(newYorkNights, alert("high"), instant).push).toBe(false);
    expect(deliveryPolicy(london, alert("high"), instant).push).toBe(false); // 03:00 GMT: both quiet
    const eveningUtc = new Date("2026-01-15T23:00:00Z"); // 18:00 in New York, 23:00 in London
    expect(deliveryPolicy(newYorkNights, alert("high"), eveningUtc).push).toBe(true);
    expect(deliveryPolicy(london, alert("high"), eveningUtc).push).toBe(false);
  });

  it("work east of UTC across the date line and at half-hour offsets", () => {
    const tokyo = prefs((p) => (p.quietHours = { enabled: true, start: "23:00", end: "06:00", timeZone: "Asia/Tokyo" }));
    expect(deliveryPolicy(tokyo, alert("high"), new Date("2026-01-15T14:30:00Z")).push).toBe(false); // 23:30 JST
    expect(deliveryPolicy(tokyo, alert("high"), new Date("2026-01-15T13:59:00Z")).push).toBe(true); // 22:59 JST
    const kolkataLunch = prefs((p) => (p.quietHours = { enabled: true, start: "13:00", end: "14:00", timeZone: "Asia/Kolkata" }));
    expect(deliveryPolicy(kolkataLunch, alert("high"), new Date("2026-01-15T07:30:00Z")).push).toBe(false); // 13:00 IST
    expect(deliveryPolicy(kolkataLunch, alert("high"), new Date("2026-01-15T07:29:00Z")).push).toBe(true); // 12:59 IST
    expect(deliveryPolicy(kolkataLunch, alert("high"), new Date("2026-01-15T08:30:00Z")).push).toBe(true); // 14:00 IST
  });

  it("leave toasts alone", () => {
    expect(at("2026-01-16T05:00:00Z").toast).toBe(true);
  });

  it("do nothing while disabled", () => {
    const disabled = prefs((p) => (p.quietHours = { enabled: false, start: "00:00", end: "23:59", timeZone: "UTC" }));
    expect(deliveryPolicy(disabled, alert("high"), NOON_UTC)).toMatchObject({ push: true, email: true });
  });

  it("treat a window that starts and ends at the same minute as empty", () => {
    expect(withinQuietHours({ enabled: true, start: "08:00", end: "08:00", timeZone: "UTC" }, new Date("2026-01-15T08:00:00Z"))).toBe(false);
  });

  it("give the switch or floor as the reason when one already refuses", () => {
    const both = prefs((p) => {
      p.quietHours = { enabled: true, start: "00:00", end: "23:59", timeZone: "UTC" };
      p.minSeverity.email = "critical";
    });
    expect(deliveryPolicy(both, alert("high"), NOON_UTC).reasons).toEqual({ push: "quiet_hours", email: "below_email_severity" });
  });
});
