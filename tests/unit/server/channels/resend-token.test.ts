import { describe, expect, it } from "vitest";
import { newAlertId } from "~/server/services/alert-id";
import { resendTokenFor } from "~/server/channels/resend-token";

describe("resendTokenFor", () => {
  it("is the alert id itself for every id Beacon makes", () => {
    const id = newAlertId();
    expect(resendTokenFor(id, 32)).toBe(id);
  });

  it("digests an id that is too long or not plain letters and digits, the same way every time", () => {
    const long = "A".repeat(33);
    const odd = "user/42:alert#1";
    for (const id of [long, odd]) {
      const token = resendTokenFor(id, 32);
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(resendTokenFor(id, 32)).toBe(token);
    }
    expect(resendTokenFor(long, 32)).not.toBe(resendTokenFor(odd, 32));
    expect(resendTokenFor(odd, 20)).toHaveLength(20);
  });
});
