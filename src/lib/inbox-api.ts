/**
 * The browser's calls to the inbox HTTP API (/api/inbox…). Every answer is checked against the
 * shared zod schemas, so a server change shows up here as one clear error instead of
 * `undefined` deep inside a component. Failures are thrown as `InboxApiError`, whose message
 * is always ours (never the server's text), ready to show to the user.
 */
import { z } from "zod";
import type { Service, Severity } from "~/shared/alert";
import {
  type InboxChange,
  InboxDetailSchema,
  InboxItemSchema,
  InboxPageSchema,
  UnreadStateSchema,
} from "~/shared/inbox";
import { callApi, UNREACHABLE_MESSAGE } from "./post-json";

/** What a list view may narrow by; `archived: true` shows only archived ones, otherwise only the rest. */
export interface InboxFilters {
  service?: Service;
  severity?: Severity;
  unread?: boolean;
  archived?: boolean;
}

export interface InboxPageRequest extends InboxFilters {
  /** Only alerts with a lower seq: the previous page's `nextBefore`. */
  before?: number;
  limit?: number;
}

export class InboxApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached or answered something unreadable. */
    readonly status: number,
    /** The server's stable error code (`store_unavailable`, `not_found`…), or `network` / `invalid_response`. */
    readonly code: string,
  ) {
    super(message);
    this.name = "InboxApiError";
  }

  /** Worth a Retry button: the network, a busy store or a server hiccup, not a missing alert. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

// Our words for the codes the inbox API answers with; anything else gets the generic message.
const MESSAGES: Record<string, string> = {
  unauthorized: "Your session has ended. Sign in again to see your alerts.",
  not_found: "This alert is not in your inbox. It may have been removed.",
  store_unavailable: "Your alerts are temporarily unavailable. Try again in a moment.",
  rate_limited: "Too many requests. Wait a moment, then try again.",
  network: UNREACHABLE_MESSAGE,
  invalid_response: "Beacon answered in a way this page does not understand. Reload the page.",
};
const GENERIC_MESSAGE = "Something went wrong with your alerts. Try again in a moment.";

function apiError(status: number, code: string): InboxApiError {
  return new InboxApiError(MESSAGES[code] ?? GENERIC_MESSAGE, status, code);
}

/** Any failure as an `InboxApiError`, so views only ever deal with one error type. */
export function toInboxApiError(error: unknown): InboxApiError {
  return error instanceof InboxApiError ? error : apiError(0, "unknown");
}

async function errorCodeOf(response: Response): Promise<string> {
  if (response.status === 401) return "unauthorized";
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    if (typeof body.error?.code === "string") return body.error.code;
  } catch {
    // Not JSON (a proxy's error page): fall through to a code from the status.
  }
  return response.status === 404 ? "not_found" : `http_${response.status}`;
}

async function request<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
  // A cancelled call rethrows from callApi: not a failure to report.
  const response = await callApi(path, init);
  if (!response) throw apiError(0, "network");
  if (!response.ok) throw apiError(response.status, await errorCodeOf(response));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw apiError(0, "invalid_response");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.warn(`[inbox] unexpected answer from ${path.split("?")[0]}`, parsed.error.issues);
    throw apiError(0, "invalid_response");
  }
  return parsed.data;
}

/**
 * The query string for GET /api/inbox; unset filters are left out so the server applies its defaults.
 * @example inboxQueryString({ service: "darkwatch", unread: true, limit: 10 }) // "?limit=10&service=darkwatch&unread=true"
 */
export function inboxQueryString(query: InboxPageRequest): string {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.service) params.set("service", query.service);
  if (query.severity) params.set("severity", query.severity);
  if (query.unread) params.set("unread", "true");
  if (query.archived) params.set("archived", "true");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * One page of the user's alerts, newest first.
 * @example const page = await fetchInboxPage({ limit: 30 }); fetchInboxPage({ before: page.nextBefore! });
 */
export function fetchInboxPage(query: InboxPageRequest = {}, signal?: AbortSignal) {
  return request(InboxPageSchema, `/api/inbox${inboxQueryString(query)}`, { signal });
}

/** One alert with its full body, image and delivery record. */
export async function fetchInboxDetail(id: string, signal?: AbortSignal) {
  const { item } = await request(z.object({ item: InboxDetailSchema }), `/api/inbox/${encodeURIComponent(id)}`, { signal });
  return item;
}

/** Marks one alert read or unread, archived or not; answers with the alert and the new unread state. */
export function updateInboxItem(id: string, change: InboxChange) {
  return request(UnreadStateSchema.extend({ item: InboxItemSchema }), `/api/inbox/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify(change),
  });
}

/** Marks every unread alert with seq ≤ `upTo` read (all of them without `upTo`). */
export function markAllInboxRead(upTo?: number) {
  return request(UnreadStateSchema.extend({ marked: UnreadStateSchema.shape.unreadCount }), "/api/inbox/read-all", {
    method: "POST",
    body: JSON.stringify(upTo === undefined ? {} : { upTo }),
  });
}

/** The inbox calls a feed makes; tests of the feed may hand in their own. */
export interface InboxApi {
  fetchPage: typeof fetchInboxPage;
  update: typeof updateInboxItem;
  markAllRead: typeof markAllInboxRead;
}

export const inboxApi: InboxApi = { fetchPage: fetchInboxPage, update: updateInboxItem, markAllRead: markAllInboxRead };
