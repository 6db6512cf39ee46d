/**
 * The publish route's body reader, on Node's own request (a real HTTP server on a random
 * port): the body in pieces, the cap, and a client that goes away mid-body (the read must end,
 * not hang with the request's memory held).
 */
import { createServer, type IncomingMessage, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { isBeaconError } from "~/server/errors";
import { readNodeJson } from "~/server/http/read-json";

const Schema = z.object({ userId: z.string().min(1), body: z.string() });
const MAX = 1024;

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Starts a server whose handler reads each request with readNodeJson; resolves with its URL and each read's outcome. */
async function serve(): Promise<{ url: URL; outcomes: Promise<unknown>[] }> {
  const outcomes: Promise<unknown>[] = [];
  server = createServer((req: IncomingMessage, res) => {
    const outcome = readNodeJson(req, Schema, MAX);
    outcomes.push(outcome);
    outcome.then(
      () => res.writeHead(200).end("{}"),
      (error: unknown) => res.writeHead(isBeaconError(error) ? error.status : 500).end("{}"),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), outcomes };
}

/** Sends `chunks` chunked (no Content-Length), each in a write of its own; resolves with the status. */
function postChunks(url: URL, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("reading a JSON body from Node's request", () => {
  it("joins a body sent in pieces and validates it", async () => {
    const { url, outcomes } = await serve();
    expect(await postChunks(url, ['{"userId":', '"alice",', '"body":"hi"}'])).toBe(200);
    await expect(outcomes[0]).resolves.toEqual({ userId: "alice", body: "hi" });
  });

  it("refuses a body that grows past the cap with 413, and still answers", async () => {
    const { url, outcomes } = await serve();
    expect(await postChunks(url, ['{"userId":"alice","body":"', ..."x".repeat(4 * MAX).match(/.{1,500}/g)!, '"}'])).toBe(413);
    await expect(outcomes[0]).rejects.toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("ends the read when the client goes away mid-body", async () => {
    const { url, outcomes } = await serve();
    const request = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
    request.on("error", () => {});
    request.write('{"userId":"alice","body":"');
    await expect.poll(() => outcomes.length).toBe(1);
    request.destroy();
    await expect(outcomes[0]).rejects.toThrow();
  });
});
