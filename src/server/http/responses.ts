/** JSON responses and the one wrapper every API route uses to turn errors into them. */
import { type BeaconError, createError, errorBody, isBeaconError } from "../errors";
import { log } from "../log";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(error: BeaconError): Response {
  return json(error.status, errorBody(error), error.headers);
}

/** A BeaconError as it is; anything else is logged and becomes a generic 500 that leaks nothing. */
export function toBeaconError(error: unknown, path: string): BeaconError {
  if (isBeaconError(error)) return error;
  log("error", "unhandled error in API route", { path, error });
  return createError(500, "internal", "internal server error");
}

/** Wraps a route handler: whatever it throws becomes a JSON error response (see toBeaconError). */
export function apiHandler<E extends { request: Request }>(handler: (event: E) => Promise<Response>) {
  return async (event: E): Promise<Response> => {
    try {
      return await handler(event);
    } catch (error) {
      return errorResponse(toBeaconError(error, new URL(event.request.url).pathname));
    }
  };
}
