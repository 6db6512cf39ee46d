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

/**
 * Wraps a route handler: a BeaconError becomes its JSON response; anything else is logged
 * and answered with a generic 500 that leaks nothing.
 */
export function apiHandler<E extends { request: Request }>(handler: (event: E) => Promise<Response>) {
  return async (event: E): Promise<Response> => {
    try {
      return await handler(event);
    } catch (error) {
      if (isBeaconError(error)) return errorResponse(error);
      log("error", "unhandled error in API route", { path: new URL(event.request.url).pathname, error });
      return errorResponse(createError(500, "internal", "internal server error"));
    }
  };
}
