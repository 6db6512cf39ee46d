/** Preferences saved under an older schema still load, keeping what the user chose. */
import { describe, expect, it } from "vitest";
import { fromStored } from "~/server/preferences/preferences-store";
import { defaultPreferences } from "~/shared/preferences";

describe("reading stored preferences", () => {
  it("fills a service added since the document was saved with the defaults, and keeps the rest", () => {
    const saved = defaultPreferences() as any;
    saved.channels.darkwatch = { toast: false, push: false, email: true };
    saved.doNotDisturb = true;
    delete saved.channels.removebrokers;
    const loaded = fromStored(JSON.parse(JSON.stringify(saved)));
    expect(loaded.channels.darkwatch).toEqual({ toast: false, push: false, email: true });
    expect(loaded.channels.removebrokers).toEqual(defaultPreferences().channels.removebrokers);
    expect(loaded.doNotDisturb).toBe(true);
  });

  it("ignores a service or field that no longer exists instead of discarding the document", () => {
    const saved = { ...defaultPreferences(), retiredField: 1, channels: { ...defaultPreferences().channels, oldservice: { toast: true, push: true, email: true } } };
    saved.minSeverity = { push: "high", email: "critical" };
    expect(fromStored(saved).minSeverity).toEqual({ push: "high", email: "critical" });
  });

  it("falls back to the defaults for a document that cannot be repaired", () => {
    expect(fromStored({ ...defaultPreferences(), quietHours: { enabled: true, start: "7am", end: "x", timeZone: "Mars/Olympus" } })).toEqual(defaultPreferences());
    expect(fromStored(null)).toEqual(defaultPreferences());
    expect(fromStored("junk")).toEqual(defaultPreferences());
  });
});
