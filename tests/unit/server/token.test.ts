import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signSessionToken, TOKEN_ISSUER, verifySessionToken } from "~/server/auth/token";

const secret = new TextEncoder().encode("a-test-secret-that-is-long-enough-for-hs256");
const otherSecret = new TextEncoder().encode("another-secret-that-is-also-long-enough-ok");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token built by hand, for the shapes sign-in never issues. */
function craft(claims: Record<string, unknown>, options: { alg?: string; key?: Uint8Array } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" }).sign(options.key ?? secret);
}

const validClaims = () => ({ sub: "alice", iss: TOKEN_ISSUER, exp: nowSeconds() + 600, role: "user" });

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("session tokens", () => {
  it("a token issued at sign-in verifies to the same user and role", async () => {
    const token = await signSessionToken(secret, { userId: "alice", role: "admin" }, 3600);
    const result = await verifySessionToken(secret, token);
    expect(result).toEqual({ ok: true, claims: { userId: "alice", role: "admin", expiresAt: expect.any(Number) } });
    if (result.ok) expect(result.claims.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + 3599);
  });

  it("a token issued without a role is a plain user", async () => {
    const result = await verifySessionToken(secret, await signSessionToken(secret, { userId: "bob" }, 60));
    expect(result.ok && result.claims.role).toBe("user");
  });

  it("a role claim other than admin never grants admin", async () => {
    const result = await verifySessionToken(secret, await craft({ ...validClaims(), role: "superuser" }));
    expect(result.ok && result.claims.role).toBe("user");
  });

  it("a secret held in another array with the same bytes verifies the same tokens", async () => {
    const token = await signSessionToken(secret, { userId: "alice" }, 3600);
    const sameBytes = new Uint8Array(secret);
    expect((await verifySessionToken(sameBytes, token)).ok).toBe(true);
    expect((await verifySessionToken(secret, token)).ok).toBe(true);
  });

  it("a secret WebCrypto refuses (empty) is refused on every call, without throwing", async () => {
    const token = await signSessionToken(secret, { userId: "alice" }, 3600);
    const empty = new Uint8Array(0);
    expect(await verifySessionToken(empty, token)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifySessionToken(empty, token)).toEqual({ ok: false, reason: "malformed" });
  });

  it("an expired token is refused as expired", async () => {
    const token = await craft({ ...validClaims(), exp: nowSeconds() - 10 });
    expect(await verifySessionToken(secret, token)).toEqual({ ok: false, reason: "expired" });
  });

  it("a token signed with another key is refused as a bad signature", async () => {
    const token = await signSessionToken(otherSecret, { userId: "alice" }, 3600);
    expect(await verifySessionToken(secret, token)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("a token signed with the right key but HS512 is refused (the algorithm is pinned)", async () => {
    const token = await craft(validClaims(), { alg: "HS512" });
    const result = await verifySessionToken(secret, token);
    expect(result.ok).toBe(false);
  });

  it('an unsigned "alg: none" token is refused', async () => {
    const token = `${base64url({ alg: "none", typ: "JWT" })}.${base64url(validClaims())}.`;
    const result = await verifySessionToken(secret, token);
    expect(result.ok).toBe(false);
  });

  it("a token without a subject is refused", async () => {
    const { sub: _sub, ...claims } = validClaims();
    expect(await verifySessionToken(secret, await craft(claims))).toEqual({ ok: false, reason: "invalid_claims" });
  });

  it("a token without an expiry (an eternal token) is refused", async () => {
    const { exp: _exp, ...claims } = validClaims();
    expect(await verifySessionToken(secret, await craft(claims))).toEqual({ ok: false, reason: "invalid_claims" });
  });

  it("a token from another issuer is refused", async () => {
    const token = await craft({ ...validClaims(), iss: "someone-else" });
    expect(await verifySessionToken(secret, token)).toEqual({ ok: false, reason: "invalid_claims" });
  });

  it("a token without an issuer is refused", async () => {
    const { iss: _iss, ...claims } = validClaims();
    expect((await verifySessionToken(secret, await craft(claims))).ok).toBe(false);
  });

  it("a subject that is not a valid user id is refused as invalid claims", async () => {
    for (const sub of ["alice bob", "../admin", "alice/../bob", "<script>", ""]) {
      const result = await verifySessionToken(secret, await craft({ ...validClaims(), sub }));
      expect(result, `sub ${JSON.stringify(sub)}`).toEqual({ ok: false, reason: "invalid_claims" });
    }
  });

  it("no token at all is reported as missing", async () => {
    for (const token of [undefined, null, ""]) {
      expect(await verifySessionToken(secret, token)).toEqual({ ok: false, reason: "missing" });
    }
  });

  it("strings that are not JWTs are refused as malformed without throwing", async () => {
    for (const token of ["not-a-jwt", "a.b", "a.b.c.d", "!!!.???.***", "x".repeat(5000)]) {
      expect(await verifySessionToken(secret, token), token.slice(0, 20)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("a token whose payload was edited after signing is refused", async () => {
    const token = await signSessionToken(secret, { userId: "bob" }, 3600);
    const [header, , signature] = token.split(".");
    const forged = `${header}.${base64url({ ...validClaims(), sub: "alice", role: "admin" })}.${signature}`;
    expect(await verifySessionToken(secret, forged)).toEqual({ ok: false, reason: "bad_signature" });
  });
});
