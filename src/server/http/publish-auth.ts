/**
 * Bearer-token checks: producers authenticate with `Authorization: Bearer <PUBLISH_SECRET>`,
 * Prometheus with `Authorization: Bearer <METRICS_TOKEN>`.
 */
import { timingSafeEqual } from "node:crypto";
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
  if (!match || !secretMatches(match[1]!.trim(), expected)) {
    throw createError(401, "unauthorized", challenge.message, {
      headers: { "www-authenticate": `Bearer realm="${challenge.realm}"` },
    });
  }
}

// The configured secret's bytes, kept once: it is on every publish's path.
const secretBytes = new Map<string, Buffer>();

/**
 * Takes the same time for any candidate of a given secret: with lengths that differ, the secret
 * is compared with itself, so neither the answer's timing nor its length check says anything
 * about the secret. Both sides were SHA-256 hashed for this before, which cost 2.6% of the main
 * thread at the publish ceiling (createHash and digest per request; bench/results/2026-12-01.md).
 */
export function secretMatches(candidate: string, secret: string): boolean {
  let expected = secretBytes.get(secret);
  if (!expected) {
    expected = Buffer.from(secret);
    secretBytes.set(secret, expected);
  }
  const presented = Buffer.from(candidate);
  const sameLength = presented.length === expected.length;
  return timingSafeEqual(sameLength ? presented : expected, expected) && sameLength;
}
