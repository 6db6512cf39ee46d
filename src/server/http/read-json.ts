/**
 * Reads a JSON request body with a hard byte cap (checked on the declared length and
 * again while streaming, since Content-Length can lie or be absent) and validates it.
 */
import type { z } from "zod";
import { createError, zodIssues } from "../errors";

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw createError(415, "unsupported_media_type", "send the body as application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readCapped(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw createError(400, "invalid_json", "body is not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw createError(400, "invalid_body", "body failed validation", { details: zodIssues(parsed.error) });
  return parsed.data;
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number) {
  return createError(413, "body_too_large", `body exceeds ${maxBytes} bytes`);
}
