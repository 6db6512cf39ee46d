/** Producers (service pipelines, partner tools) authenticate with `Authorization: Bearer <PUBLISH_SECRET>`. */
import { createHash, timingSafeEqual } from "node:crypto";
import { createError } from "../errors";

/** Accepts a web Request or the raw Authorization header (the lean publish route reads Node's request). */
export function requirePublishSecret(source: Request | string | null | undefined, secret: string): void {
  const header = (typeof source === "object" && source !== null ? source.headers.get("authorization") : source) ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !constantTimeEqual(match[1]!.trim(), secret)) {
    throw createError(401, "unauthorized", "missing or invalid publish credentials", {
      headers: { "www-authenticate": 'Bearer realm="beacon-publish"' },
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
