import { describe, expect, it } from "vitest";
import { AUTH_COOKIE, readCookie, tokenFromRequest } from "~/server/auth/token-source";

const url = "https://beacon.example/ws/alerts";

describe("where the session token is read from", () => {
  it("reads the token from the auth cookie", () => {
    const headers = new Headers({ cookie: `${AUTH_COOKIE}=cookie-token` });
    expect(tokenFromRequest(url, headers)).toBe("cookie-token");
  });

  it("reads the token from ?token= when there is no cookie", () => {
    expect(tokenFromRequest(`${url}?token=query-token`, new Headers())).toBe("query-token");
  });

  it("prefers ?token= over the cookie when both are present", () => {
    const headers = new Headers({ cookie: `${AUTH_COOKIE}=cookie-token` });
    expect(tokenFromRequest(`${url}?token=query-token`, headers)).toBe("query-token");
  });

  it("falls back to the cookie when ?token= is empty", () => {
    const headers = new Headers({ cookie: `${AUTH_COOKIE}=cookie-token` });
    expect(tokenFromRequest(`${url}?token=`, headers)).toBe("cookie-token");
  });

  it("accepts a path-only URL as the ws adapter may pass one", () => {
    expect(tokenFromRequest("/ws/alerts?token=abc", new Headers())).toBe("abc");
  });

  it("finds nothing when neither is present", () => {
    expect(tokenFromRequest(url, new Headers({ cookie: "theme=dark" }))).toBeUndefined();
  });
});

describe("cookie header parsing", () => {
  it("picks the named cookie out of several", () => {
    expect(readCookie("theme=dark; auth_token=abc.def.ghi; lang=fr", "auth_token")).toBe("abc.def.ghi");
  });

  it("decodes percent-encoded values", () => {
    expect(readCookie("a=1;auth_token=hello%20world%3D%3D", "auth_token")).toBe("hello world==");
  });

  it("keeps a value that is not valid percent-encoding as it is", () => {
    expect(readCookie("auth_token=100%zz", "auth_token")).toBe("100%zz");
  });

  it("keeps '=' inside a value", () => {
    expect(readCookie("auth_token=a=b=c", "auth_token")).toBe("a=b=c");
  });

  it("does not match a cookie whose name merely contains the one asked for", () => {
    expect(readCookie("old_auth_token=stale; auth_token_v2=other", "auth_token")).toBeUndefined();
  });

  it("skips parts without '=' and tolerates extra spaces", () => {
    expect(readCookie("garbage;  auth_token = spaced ; x=y", "auth_token")).toBe("spaced");
  });

  it("finds nothing in a missing or empty header", () => {
    expect(readCookie(null, "auth_token")).toBeUndefined();
    expect(readCookie("", "auth_token")).toBeUndefined();
  });
});
