import { describe, expect, it } from "vitest";
import { createAdmissionGate } from "~/server/realtime/admission";
import { retryAfterDelayMs } from "~/shared/retry-after";

describe("admission control", () => {
  it("admits one second's worth at once, then refuses until tokens come back at the configured rate", () => {
    let now = 0;
    const gate = createAdmissionGate(10, () => now);
    const first = Array.from({ length: 12 }, () => gate.admit().ok);
    expect(first.filter(Boolean)).toHaveLength(10);
    expect(first.slice(10)).toEqual([false, false]);
    now += 100; // one token back
    expect(gate.admit().ok).toBe(true);
    expect(gate.admit().ok).toBe(false);
    expect({ admitted: gate.admitted, refused: gate.refused }).toEqual({ admitted: 11, refused: 3 });
  });

  it("hands a storm's refused clients successive seconds to come back in, at the admission rate", () => {
    const gate = createAdmissionGate(100, () => 0);
    for (let i = 0; i < 100; i++) gate.admit();
    const waits = Array.from({ length: 400 }, () => {
      const decision = gate.admit();
      if (decision.ok) throw new Error("admitted over the limit");
      return decision.retryAfterSeconds;
    });
    const perSecond = new Map<number, number>();
    for (const wait of waits) perSecond.set(wait, (perSecond.get(wait) ?? 0) + 1);
    // No second is told to more clients than it can admit.
    for (const count of perSecond.values()) expect(count).toBeLessThanOrEqual(100);
    expect(Math.min(...waits)).toBe(1);
    expect(Math.max(...waits)).toBe(4);
  });

  it("never advises waiting more than 30 s", () => {
    const gate = createAdmissionGate(1, () => 0);
    gate.admit();
    let last = 0;
    for (let i = 0; i < 100; i++) {
      const decision = gate.admit();
      if (!decision.ok) last = decision.retryAfterSeconds;
    }
    expect(last).toBe(30);
  });

  it("clients add up to a second of jitter to Retry-After, and wait a second when it is missing", () => {
    expect(retryAfterDelayMs("2", () => 0)).toBe(2000);
    expect(retryAfterDelayMs("2", () => 0.999)).toBe(2999);
    expect(retryAfterDelayMs(null, () => 0.5)).toBe(1500);
    expect(retryAfterDelayMs("soon", () => 0)).toBe(1000);
  });
});
