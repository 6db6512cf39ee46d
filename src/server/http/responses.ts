/** JSON responses and the one wrapper every API route uses to turn errors into them. */
import { type BeaconError, createError, errorBody, isBeaconError } from "../errors";
import { log } from "../log";
import { withLogContext, requestIdFrom } from "../observe/log-context";
import { getRuntime } from "../runtime";

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
 * A BeaconError as it is; anything else is logged and becomes a generic 500 that leaks
 * nothing. Server-side failures (5xx) are counted for operators either way.
 */
export function toBeaconError(error: unknown, path: string): BeaconError {
  if (isBeaconError(error)) {
    // A draining server refusing publishes is a deploy going as planned, not a failure to count.
    if (error.status >= 500 && error.code !== "server_draining") {
      getRuntime().reportError(error.code === "store_unavailable" ? "store" : "http", `${path} answered ${error.status}`, error.cause ?? error);
    }
    return error;
  }
  getRuntime().reportError("http", `unhandled error in ${path}`, error);
  return createError(500, "internal", "internal server error");
}

/**
 * Wraps a route handler: whatever it throws becomes a JSON error response (see toBeaconError).
 * Log lines written while it runs carry the request id, which the response echoes as X-Request-Id.
 */
export function apiHandler<E extends { request: Request }>(handler: (event: E) => Promise<Response>) {
  return async (event: E): Promise<Response> => {
    const requestId = requestIdFrom(event.request.headers.get("x-request-id"));
    const response = await withLogContext({ requestId }, async () => {
      try {
        return await handler(event);
      } catch (error) {
        return errorResponse(toBeaconError(error, new URL(event.request.url).pathname));
      }
    });
    if (!response.headers.has("x-request-id")) {
      try {
        response.headers.set("x-request-id", requestId);
      } catch {
        // An immutable response (a redirect from a helper): it goes out without the id.
      }
    }
    return response;
  };
}
