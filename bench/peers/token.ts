/**
 * The same session-token check Beacon does on upgrade: HS256 only, `iss: beacon`, `exp` and
 * `sub` required, with the key imported once as Beacon does (src/server/auth/token.ts), so the
 * peers stay the reference they are meant to be for the connect rate.
 */
import { jwtVerify } from "jose";

let imported: { secret: Uint8Array; key: Promise<CryptoKey> } | null = null;

export async function verifiedUserId(secret: Uint8Array, token: string | null | undefined): Promise<string | null> {
  if (!token) return null;
  if (imported?.secret !== secret) {
    imported = { secret, key: crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]) };
  }
  try {
    const { payload } = await jwtVerify(token, await imported.key, { algorithms: ["HS256"], issuer: "beacon", requiredClaims: ["exp", "sub"] });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}
