/**
 * Bearer-token checks: producers authenticate with `Authorization: Bearer <PUBLISH_SECRET>`,
 * Prometheus with `Authorization: Bearer <METRICS_TOKEN>`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createError } from "../errors";

/** Accepts a web Request or the raw Authorization header (the lean publish route reads Node's request). */
export function requirePublishSecret(source: Request | string | null | undefined, secret: string): void {
  requireBearer(source, secret, { realm: "beacon-publish", message: "missing or invalid publish credentials" });
}

/** 401 with a WWW-Authenticate challenge unless the request carries `Bearer <expected>`. */
export function requireBearer(
  source: Request | string | null | undefined,
  expected: string,
  challenge: { realm: string; message: string },
): void {
  const header = (typeof source === "object" && source !== null ? source.headers.get("authorization") : source) ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !constantTimeEqual(match[1]!.trim(), expected)) {
    throw createError(401, "unauthorized", challenge.message, {
      headers: { "www-authenticate": `Bearer realm="${challenge.realm}"` },
    });
  }
}

// The configured secret's digest, computed once: it is on every publish's path.
const secretDigests = new Map<string, Buffer>();
const sha256 = (value: string) => createHash("sha256").update(value).digest();

/** Hash first so both sides have equal length and the comparison time says nothing about the secret. */
function constantTimeEqual(candidate: string, secret: string): boolean {
  let expected = secretDigests.get(secret);
  if (!expected) {
    expected = sha256(secret);
    secretDigests.set(secret, expected);
  }
  return timingSafeEqual(sha256(candidate), expected);
}
