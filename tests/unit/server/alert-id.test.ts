import { describe, expect, it } from "vitest";
import { newAlertId } from "~/server/services/alert-id";

const CROCKFORD = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/;

describe("alert ids", () => {
  it("are 26 characters of Crockford base32 (no I, L, O, U)", () => {
    for (let i = 0; i < 200; i++) expect(newAlertId()).toMatch(CROCKFORD);
  });

  it("encode the creation time in the first 10 characters", () => {
    expect(newAlertId(0).slice(0, 10)).toBe("0000000000");
    // 2^48 - 1, the largest 48-bit time, as in a ULID.
    expect(newAlertId(2 ** 48 - 1).slice(0, 10)).toBe("7ZZZZZZZZZ");
    expect(newAlertId(1_750_000_000_000).slice(0, 10)).toBe(newAlertId(1_750_000_000_000).slice(0, 10));
  });

  it("ids made at increasing times sort in that order", () => {
    const times = [0, 1, 31, 32, 1_000, 1_750_000_000_000, 1_750_000_000_001, 1_750_000_086_400, 2 ** 47, 2 ** 48 - 1];
    const ids = times.map((t) => newAlertId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it("ids made later sort after ids made earlier, even one millisecond apart", () => {
    for (let i = 0; i < 1000; i++) {
      const t = 1_700_000_000_000 + i * 7919;
      expect(newAlertId(t) < newAlertId(t + 1)).toBe(true);
    }
  });

  it("10,000 ids made in the same millisecond are all different", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newAlertId(1_750_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it("the random part uses the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 500 }, () => newAlertId().slice(10)).join(""));
    expect(seen.size).toBe(32);
  });
});
