import { describe, expect, it } from "vitest";
import { type BeaconError, isBeaconError } from "~/server/errors";
import { requirePublishSecret, secretMatches } from "~/server/http/publish-auth";

const SECRET = "publish-secret-of-24-chars-plus";

function request(authorization?: string) {
  return new Request("https://beacon.example/api/services/darkwatch/events", {
    method: "POST",
    headers: authorization === undefined ? {} : { authorization },
  });
}

function refusal(authorization?: string): BeaconError {
  try {
    requirePublishSecret(request(authorization), SECRET);
  } catch (error) {
    if (isBeaconError(error)) return error;
    throw error;
  }
  throw new Error("expected the request to be refused");
}

describe("publisher authentication", () => {
  it("a producer with the right bearer secret is let through", () => {
    expect(() => requirePublishSecret(request(`Bearer ${SECRET}`), SECRET)).not.toThrow();
    expect(() => requirePublishSecret(request(`bearer   ${SECRET}`), SECRET)).not.toThrow();
  });

  it("a wrong secret is refused with 401 and a Bearer challenge", () => {
    const error = refusal("Bearer not-the-secret");
    expect([error.status, error.code]).toEqual([401, "unauthorized"]);
    expect(error.headers?.["www-authenticate"]).toMatch(/^Bearer /);
    expect(error.message).not.toContain("not-the-secret");
  });

  it("a missing or empty Authorization header is refused with 401", () => {
    for (const header of [undefined, "", "Bearer", "Bearer "]) {
      expect(refusal(header).status, String(header)).toBe(401);
    }
  });

  it("the secret sent another way than Bearer is refused with 401", () => {
    for (const header of [SECRET, `Basic ${SECRET}`, `Token ${SECRET}`]) {
      expect(refusal(header).status, header).toBe(401);
    }
  });

  it("a secret that only starts or ends like the real one is refused", () => {
    for (const candidate of [SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase()]) {
      expect(refusal(`Bearer ${candidate}`).status, candidate).toBe(401);
    }
  });

  it("secrets are compared byte for byte, whatever their length or alphabet", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(SECRET.repeat(2), SECRET)).toBe(false);
    // Same byte length, different characters: "é" is two bytes in UTF-8, like "ab".
    expect(secretMatches("xab", "xé")).toBe(false);
    expect(secretMatches("xé", "xé")).toBe(true);
  });
});
