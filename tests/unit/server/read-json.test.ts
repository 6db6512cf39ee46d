import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type BeaconError, isBeaconError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";

const Schema = z.object({ userId: z.string().min(1), count: z.number().int() });
const MAX = 1024;
const url = "https://beacon.example/api/alerts";

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request(url, { method: "POST", body, headers });
}

/** A body sent in chunks with no Content-Length, as a chunked upload arrives. */
function chunked(chunks: string[], headers: Record<string, string> = { "content-type": "application/json" }) {
  const encoder = new TextEncoder();
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(encoder.encode(chunks[pulled++]));
      else controller.close();
    },
  }, { highWaterMark: 0 });
  const request = new Request(url, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
  return { request, chunksPulled: () => pulled };
}

async function refusal(promise: Promise<unknown>): Promise<BeaconError> {
  try {
    await promise;
  } catch (error) {
    if (isBeaconError(error)) return error;
    throw error;
  }
  throw new Error("expected readJson to refuse the body");
}

describe("reading a JSON request body", () => {
  it("returns the validated body", async () => {
    const body = await readJson(post(JSON.stringify({ userId: "alice", count: 2, extra: true })), Schema, MAX);
    expect(body).toEqual({ userId: "alice", count: 2 });
  });

  it("accepts JSON media types with parameters or a +json suffix", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.beacon+json"]) {
      await expect(readJson(post('{"userId":"a","count":1}', { "content-type": type }), Schema, MAX), type).resolves.toEqual({ userId: "a", count: 1 });
    }
  });

  it("refuses a body that is not sent as JSON with 415", async () => {
    const wrong: Record<string, string>[] = [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, { "content-type": "application/jsonp" }, {}];
    for (const headers of wrong) {
      const error = await refusal(readJson(post('{"userId":"a","count":1}', headers), Schema, MAX));
      expect([error.status, error.code], JSON.stringify(headers)).toEqual([415, "unsupported_media_type"]);
    }
  });

  it("refuses with 413 when the declared length is over the cap, before reading anything", async () => {
    const { request, chunksPulled } = chunked(['{"userId":"a","count":1}'], { "content-type": "application/json", "content-length": String(MAX + 1) });
    const error = await refusal(readJson(request, Schema, MAX));
    expect([error.status, error.code]).toEqual([413, "body_too_large"]);
    expect(chunksPulled()).toBe(0);
  });

  it("refuses with 413 when a chunked body without Content-Length grows past the cap", async () => {
    const chunk = "x".repeat(400);
    const { request, chunksPulled } = chunked(['{"userId":"', chunk, chunk, chunk, chunk, chunk, '","count":1}']);
    expect(request.headers.get("content-length")).toBeNull();
    const error = await refusal(readJson(request, Schema, MAX));
    expect([error.status, error.code]).toEqual([413, "body_too_large"]);
    // It stopped reading once over the cap rather than buffering the rest.
    expect(chunksPulled()).toBeLessThan(7);
  });

  it("refuses with 413 when the body is longer than its Content-Length claimed", async () => {
    const { request } = chunked(['{"userId":"', "y".repeat(2000), '","count":1}'], { "content-type": "application/json", "content-length": "10" });
    const error = await refusal(readJson(request, Schema, MAX));
    expect(error.status).toBe(413);
  });

  it("a body of exactly the cap is accepted", async () => {
    const prefix = '{"userId":"';
    const suffix = '","count":1}';
    const body = prefix + "z".repeat(MAX - prefix.length - suffix.length) + suffix;
    expect(body.length).toBe(MAX);
    await expect(readJson(post(body), Schema, MAX)).resolves.toMatchObject({ count: 1 });
  });

  it("refuses text that is not JSON with 400 invalid_json", async () => {
    for (const body of ["{userId: alice}", "", null]) {
      const error = await refusal(readJson(post(body), Schema, MAX));
      expect([error.status, error.code], String(body)).toEqual([400, "invalid_json"]);
    }
  });

  it("refuses JSON of the wrong shape with 400 invalid_body and says which fields are wrong", async () => {
    const error = await refusal(readJson(post(JSON.stringify({ userId: "", count: "three" })), Schema, MAX));
    expect([error.status, error.code]).toEqual([400, "invalid_body"]);
    expect(error.details).toEqual([
      { path: "userId", message: expect.any(String) },
      { path: "count", message: expect.any(String) },
    ]);
    expect(JSON.stringify(error.details)).not.toContain("three");
  });
});
