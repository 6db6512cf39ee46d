/** Producers (service pipelines, partner tools) authenticate with `Authorization: Bearer <PUBLISH_SECRET>`. */
import { createHash, timingSafeEqual } from "node:crypto";
import { createError } from "../errors";

export function requirePublishSecret(request: Request, secret: string): void {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !constantTimeEqual(match[1].trim(), secret)) {
    throw createError(401, "unauthorized", "missing or invalid publish credentials", {
      headers: { "www-authenticate": 'Bearer realm="beacon-publish"' },
    });
  }
}

/** Hash first so both sides have equal length and the comparison time says nothing about the secret. */
function constantTimeEqual(candidate: string, secret: string): boolean {
  const a = createHash("sha256").update(candidate).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}
