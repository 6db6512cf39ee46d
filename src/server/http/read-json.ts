/**
 * Reads a JSON request body with a hard byte cap (checked on the declared length and
 * again while streaming, since Content-Length can lie or be absent) and validates it.
 * Works on a web Request (SolidStart routes) and on Node's request (the lean publish route).
 */
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { createError, zodIssues } from "../errors";

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  checkJsonHeaders(request.headers.get("content-type"), request.headers.get("content-length"), maxBytes);
  return parseJsonBody(await readCapped(request, maxBytes), schema);
}

export async function readNodeJson<S extends z.ZodType>(request: IncomingMessage, schema: S, maxBytes: number): Promise<z.infer<S>> {
  checkJsonHeaders(request.headers["content-type"] ?? null, request.headers["content-length"] ?? null, maxBytes);
  return parseJsonBody((await readNodeBody(request, maxBytes)).toString("utf8"), schema);
}

/**
 * Node's request body, by its events rather than `for await`: the async iterator costs
 * promises per chunk, and this is on every publish's path (2.2% of the server's time at 5,000
 * HTTP publishes/s). A bare Node server reading 250-byte bodies, three alternating rounds:
 * 33.6–34.9 µs of CPU per request against 35.7–38.2. Past `maxBytes` the rest is drained
 * unread, so the 413 still gets out.
 */
function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (outcome: () => void) => {
      request.off("data", onData).off("end", onEnd).off("error", reject);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) settle(() => reject(tooLarge(maxBytes)));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)));
    // A client that goes away mid-body makes Node emit "error" (aborted) on the request.
    request.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

function checkJsonHeaders(contentType: string | null, contentLength: string | null, maxBytes: number): void {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? "")) {
    throw createError(415, "unsupported_media_type", "send the body as application/json");
  }
  if (Number(contentLength ?? "NaN") > maxBytes) throw tooLarge(maxBytes);
}

function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
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
