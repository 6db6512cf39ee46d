/** The signed-in user of an HTTP request, and the cookie that carries the session. */
import { AUTH_COOKIE, tokenFromRequest } from "../auth/token-source";
import { type SessionClaims, verifySessionToken } from "../auth/token";
import type { User } from "../auth/users";
import { createError } from "../errors";
import type { BeaconRuntime } from "../runtime";

export interface Session {
  /** The signed-in user. A valid token is enough (other parts of the platform may mint them); the profile fills in what the directory knows. */
  user: User;
  claims: SessionClaims;
}

/** The session from the cookie (or `?token=`), or 401. */
export async function requireSession(request: Request, runtime: BeaconRuntime): Promise<Session> {
  const result = await verifySessionToken(runtime.config.authSecret, tokenFromRequest(request.url, request.headers));
  if (!result.ok) throw createError(401, "unauthorized", "sign in first");
  const { userId, role } = result.claims;
  const user = runtime.users.findById(userId) ?? { id: userId, email: null, name: userId, role };
  return { user, claims: result.claims };
}

export function sessionCookie(request: Request, token: string, maxAgeSeconds: number): string {
  return cookie(request, token, maxAgeSeconds);
}

export function clearedSessionCookie(request: Request): string {
  return cookie(request, "", 0);
}

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
  // Secure only over https, so the cookie still works on http://localhost in development.
  const secure = isHttps(request) ? "; Secure" : "";
  return `${AUTH_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto");
  if (forwarded) return forwarded.split(",")[0].trim() === "https";
  return new URL(request.url).protocol === "https:";
}
