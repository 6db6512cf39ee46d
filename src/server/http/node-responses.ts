/** JSON answers written straight to Node's response, for the routes that skip the web Request/Response layer. */
import type { ServerResponse } from "node:http";
import { errorBody } from "../errors";
import { toBeaconError } from "./responses";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Whatever a route threw, as its JSON answer (see toBeaconError). */
export function sendError(res: ServerResponse, error: unknown, path: string): void {
  const known = toBeaconError(error, path);
  sendJson(res, known.status, errorBody(known), known.headers);
}
