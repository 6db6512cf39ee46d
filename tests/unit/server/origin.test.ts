import { describe, expect, it } from "vitest";
import { isOriginAllowed } from "~/server/auth/origin";

const url = "https://beacon.example/ws/alerts";

function allowed(headers: Record<string, string>, allowList: string[] = []): boolean {
  return isOriginAllowed(new Headers(headers), url, allowList);
}

describe("WebSocket origin check", () => {
  it("allows a client that sends no Origin (non-browser clients authenticate with a token)", () => {
    expect(allowed({ host: "beacon.example" })).toBe(true);
  });

  it("allows the app's own page", () => {
    expect(allowed({ origin: "https://beacon.example", host: "beacon.example" })).toBe(true);
  });

  it("compares the port too: the dev server's own origin is allowed", () => {
    expect(allowed({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
    expect(allowed({ origin: "http://localhost:4000", host: "localhost:3000" })).toBe(false);
  });

  it("refuses a page on another site", () => {
    expect(allowed({ origin: "https://evil.example", host: "beacon.example" })).toBe(false);
  });

  it("refuses a look-alike host that only starts with ours", () => {
    expect(allowed({ origin: "https://beacon.example.evil.example", host: "beacon.example" })).toBe(false);
  });

  it("uses the proxy's forwarded host when there is one", () => {
    expect(allowed({ origin: "https://beacon.example", host: "10.0.0.5:3000", "x-forwarded-host": "beacon.example" })).toBe(true);
    expect(allowed({ origin: "https://10.0.0.5:3000", host: "10.0.0.5:3000", "x-forwarded-host": "beacon.example" })).toBe(false);
  });

  it("falls back to the request URL's host when there is no Host header", () => {
    expect(allowed({ origin: "https://beacon.example" })).toBe(true);
    expect(allowed({ origin: "https://evil.example" })).toBe(false);
  });

  it("allows an origin on the configured allow-list", () => {
    expect(allowed({ origin: "https://partner.example", host: "beacon.example" }, ["https://partner.example"])).toBe(true);
  });

  it("an allow-list entry allows that exact origin only (scheme and port count)", () => {
    const list = ["https://partner.example"];
    expect(allowed({ origin: "http://partner.example", host: "beacon.example" }, list)).toBe(false);
    expect(allowed({ origin: "https://partner.example:8443", host: "beacon.example" }, list)).toBe(false);
  });

  it("refuses an Origin that is not a URL", () => {
    for (const origin of ["null", "not a url", "://", "beacon.example"]) {
      expect(allowed({ origin, host: "beacon.example" }), origin).toBe(false);
    }
  });
});
