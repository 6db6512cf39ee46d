import { describe, expect, it } from "vitest";
import { AlertInputSchema, SafeUrlSchema, UserIdSchema } from "~/shared/alert";

const accepts = (url: string) => SafeUrlSchema.safeParse(url).success;

describe("links an alert may carry", () => {
  it("accepts absolute http(s) URLs and in-app paths", () => {
    for (const url of ["https://bank.example/secure", "http://localhost:3000/x", "HTTPS://EXAMPLE.COM", "/dashboard?service=darkwatch", "/"]) {
      expect(accepts(url), url).toBe(true);
    }
  });

  it("refuses script and data URLs, whatever their case or padding", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]) {
      expect(accepts(url), url).toBe(false);
    }
  });

  it("refuses protocol-relative URLs that would leave the site", () => {
    expect(accepts("//evil.com")).toBe(false);
    expect(accepts("//evil.com/dashboard")).toBe(false);
  });

  it("refuses other schemes and relative paths", () => {
    for (const url of ["ftp://files.example", "mailto:a@b.example", "dashboard", "", "https:evil.com"]) {
      expect(accepts(url), url).toBe(false);
    }
  });

  it("refuses URLs over the length cap", () => {
    expect(accepts(`https://example.com/${"a".repeat(2048)}`)).toBe(false);
  });

  // BUG (src/shared/alert.ts:31): browsers read "/\evil.com" and "/<tab>/evil.com" as
  // "//evil.com", so these "in-app paths" navigate to another site. Flip to `it` once fixed.
  it("refuses paths a browser turns into another site (backslash, tab or newline after the slash)", () => {
    for (const url of ["/\\evil.com", "/\t/evil.com", "/\n/evil.com"]) {
      expect(new URL(url, "https://beacon.example").host).toBe("evil.com");
      expect(accepts(url), JSON.stringify(url)).toBe(false);
    }
  });
});

describe("alert input", () => {
  it("refuses an alert whose action link is a script", () => {
    const result = AlertInputSchema.safeParse({
      service: "spamshield",
      severity: "low",
      title: "t",
      body: "b",
      actionUrl: "javascript:alert(document.cookie)",
    });
    expect(result.success).toBe(false);
  });

  it("user ids are limited to a safe character set", () => {
    expect(UserIdSchema.safeParse("user:42@tenant.example").success).toBe(true);
    for (const id of ["", "a b", "a/b", "ä", "x".repeat(129)]) expect(UserIdSchema.safeParse(id).success, id).toBe(false);
  });
});
