import { signSessionToken } from "~/server/auth/token";

/** A session token as sign-in would issue it. */
export function mintToken(secret: string, userId: string, ttlSeconds = 3600): Promise<string> {
  return signSessionToken(new TextEncoder().encode(secret), { userId }, ttlSeconds);
}
