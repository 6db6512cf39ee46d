/** JSON answers written straight to Node's response, for the routes that skip the web Request/Response layer. */
import type { ServerResponse } from "node:http";
import { type BeaconError, createError, errorBody, isBeaconError } from "../errors";
import { log } from "../log";

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

/** A BeaconError becomes its JSON answer; anything else is logged and answered with a 500 that leaks nothing. */
export function sendError(res: ServerResponse, error: unknown, path: string): void {
  let known: BeaconError;
  if (isBeaconError(error)) known = error;
  else {
    log("error", "unhandled error in API route", { path, error });
    known = createError(500, "internal", "internal server error");
  }
  sendJson(res, known.status, errorBody(known), known.headers);
}
