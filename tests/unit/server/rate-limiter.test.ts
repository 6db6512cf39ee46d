import { describe, expect, it } from "vitest";
import { createFixedWindowLimiter } from "~/server/http/rate-limiter";

const T0 = 1_750_000_000_000;

function makeLimiter(limit = 3, windowMs = 60_000) {
  let now = T0;
  return { limiter: createFixedWindowLimiter(limit, windowMs, () => now), at: (t: number) => (now = T0 + t) };
}

describe("sign-in rate limiting", () => {
  it("allows up to the limit, then answers with the seconds until the window resets", () => {
    const { limiter, at } = makeLimiter(3);
    expect([limiter.hit("1.2.3.4"), limiter.hit("1.2.3.4"), limiter.hit("1.2.3.4")]).toEqual([0, 0, 0]);
    at(1_500);
    expect(limiter.hit("1.2.3.4")).toBe(59);
    at(59_200);
    expect(limiter.hit("1.2.3.4")).toBe(1);
  });

  it("never answers 0 seconds to a limited client, even at the very end of the window", () => {
    const { limiter, at } = makeLimiter(1);
    limiter.hit("k");
    at(59_999);
    expect(limiter.hit("k")).toBe(1);
  });

  it("a new window starts fresh once the old one ends", () => {
    const { limiter, at } = makeLimiter(2);
    limiter.hit("k");
    limiter.hit("k");
    expect(limiter.hit("k")).toBeGreaterThan(0);
    at(60_000);
    expect(limiter.hit("k")).toBe(0);
    expect(limiter.hit("k")).toBe(0);
    expect(limiter.hit("k")).toBeGreaterThan(0);
  });

  it("refused attempts do not extend the window", () => {
    const { limiter, at } = makeLimiter(1);
    limiter.hit("k");
    for (let t = 1_000; t < 60_000; t += 5_000) {
      at(t);
      expect(limiter.hit("k")).toBeGreaterThan(0);
    }
    at(60_000);
    expect(limiter.hit("k")).toBe(0);
  });

  it("each client has its own budget", () => {
    const { limiter } = makeLimiter(1);
    expect(limiter.hit("1.1.1.1")).toBe(0);
    expect(limiter.hit("1.1.1.1")).toBeGreaterThan(0);
    expect(limiter.hit("2.2.2.2")).toBe(0);
  });

  it("keeps working after more than 10,000 distinct clients", () => {
    const { limiter, at } = makeLimiter(1, 1_000);
    for (let i = 0; i < 10_001; i++) limiter.hit(`client-${i}`);
    at(2_000);
    expect(limiter.hit("late-client")).toBe(0);
    expect(limiter.hit("client-0")).toBe(0);
    expect(limiter.hit("client-0")).toBe(1);
  });
});
