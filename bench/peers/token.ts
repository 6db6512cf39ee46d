/** The same session-token check Beacon does on upgrade: HS256 only, `iss: beacon`, `exp` and `sub` required. */
import { jwtVerify } from "jose";

export async function verifiedUserId(secret: Uint8Array, token: string | null | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"], issuer: "beacon", requiredClaims: ["exp", "sub"] });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}
