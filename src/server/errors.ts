/**
 * One error type for everything Beacon refuses: an HTTP status, a stable `code`
 * clients can switch on, a safe message, and optional details (never echoed secrets).
 */

const BRAND = Symbol.for("beacon.error");

export type ErrorCode =
  | "invalid_body"
  | "invalid_json"
  | "invalid_query"
  | "unsupported_media_type"
  | "body_too_large"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "rate_limited"
  | "invalid_credentials"
  | "feature_disabled"
  | "limit_reached"
  | "store_unavailable"
  | "server_draining"
  | "internal";

export interface BeaconError extends Error {
  readonly [BRAND]: true;
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Extra response headers, e.g. Retry-After on 429. */
  readonly headers?: Record<string, string>;
}

export function createError(
  status: number,
  code: ErrorCode,
  message: string,
  extra: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {},
): BeaconError {
  const error = new Error(message, { cause: extra.cause }) as Error & Record<string | symbol, unknown>;
  error.name = "BeaconError";
  error[BRAND] = true;
  error.status = status;
  error.code = code;
  if (extra.details !== undefined) error.details = extra.details;
  if (extra.headers) error.headers = extra.headers;
  return error as unknown as BeaconError;
}

/**
 * Branded check instead of `instanceof`: each vinxi router bundles its own copy of this
 * module, so an error made in one router's copy is not an instance of another's class.
 */
export function isBeaconError(value: unknown): value is BeaconError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Zod issues as `{ path, message }` pairs: enough to fix the request, without echoing input. */
export function zodIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

/** The JSON body every error response has. */
export function errorBody(error: BeaconError): { error: { code: ErrorCode; message: string; details?: unknown } } {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}
