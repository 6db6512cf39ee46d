/**
 * Session tokens: HS256 JWTs signed with AUTH_SECRET. The algorithm is pinned and `exp`
 * and `sub` are required, so "alg: none", RS/HS confusion and eternal tokens are refused.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from "jose";
import { UserIdSchema } from "../../shared/alert";

export const TOKEN_ALGORITHM = "HS256";
export const TOKEN_ISSUER = "beacon";

export interface SessionClaims {
  userId: string;
  role: "user" | "admin";
  /** Seconds since epoch. */
  expiresAt: number;
}

export type TokenFailure = "missing" | "malformed" | "expired" | "bad_signature" | "invalid_claims";

export type TokenResult = { ok: true; claims: SessionClaims } | { ok: false; reason: TokenFailure };

/**
 * The secret as a WebCrypto key, imported once per secret. Given the bytes, jose imports them
 * again on every call, and every WebSocket upgrade and cookie request verifies a token: a verify
 * cost 54 µs of CPU that way and 32 µs with the key imported once (20,000 verifies each), and
 * the server's CPU per WebSocket connect fell from 319–378 to 291–323 µs (10,000 connects,
 * three alternating pairs; bench/results/2026-12-01.md). Keyed by the array itself: the
 * configured secret is never changed in place.
 */
const hmacKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    // A copy: WebCrypto's types take only ArrayBuffer-backed bytes, and it runs once per secret.
    key = crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    // A rejected import is not kept: the next call tries again (and fails the same way).
    key.catch(() => hmacKeys.delete(secret));
    hmacKeys.set(secret, key);
  }
  return key;
}

export async function signSessionToken(
  secret: Uint8Array,
  subject: { userId: string; role?: "user" | "admin" },
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ role: subject.role ?? "user" })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT" })
    .setSubject(subject.userId)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(await hmacKey(secret));
}

/** Never throws: every way a token can be wrong becomes a reason the caller can log. */
export async function verifySessionToken(secret: Uint8Array, token: string | undefined | null): Promise<TokenResult> {
  if (!token) return { ok: false, reason: "missing" };
  if (token.length > 4096 || token.split(".").length !== 3) return { ok: false, reason: "malformed" };
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      requiredClaims: ["exp", "sub"],
    });
    const userId = UserIdSchema.safeParse(payload.sub);
    if (!userId.success) return { ok: false, reason: "invalid_claims" };
    return {
      ok: true,
      claims: { userId: userId.data, role: payload.role === "admin" ? "admin" : "user", expiresAt: payload.exp! },
    };
  } catch (error) {
    return { ok: false, reason: classify(error) };
  }
}

function classify(error: unknown): TokenFailure {
  if (error instanceof joseErrors.JWTExpired) return "expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return "invalid_claims";
  // Wrong alg, bad base64, bad JSON header and the like.
  return "malformed";
}
