/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an aes128gcm-encrypted payload (RFC 8291).
 * The `web-push` package builds the request (JWT, encryption, headers); we send it ourselves
 * with fetch, because web-push's own sender speaks https only and hides the response headers
 * this provider needs (Location for the message id, Retry-After for backoff).
 */
import webpush from "web-push";
import type { PushPayload } from "../../shared/push";
import type { Severity } from "../../shared/alert";
import { checkPushEndpoint, type PushEndpointPolicy } from "./push-endpoint-policy";
import { resendTokenFor } from "./resend-token";
import type { VapidKeys } from "./vapid-keys";
import type { PushProvider, PushSubscriptionRecord, SendResult } from "./providers";

export interface WebPushOptions {
  vapid: VapidKeys | null;
  /** Which endpoints it sends to; default: https to any host. */
  endpoints?: PushEndpointPolicy;
  /** The whole request, connect to answer. */
  timeoutMs?: number;
  /** How long the push service keeps a message for an offline device; an alert older than a day is stale. */
  ttlSeconds?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;
/** RFC 8030 section 5.4: at most 32 characters of the base64url alphabet. */
const TOPIC_MAX_CHARS = 32;

/** Push services wake a sleeping phone for `high` only; a critical alert should. */
const URGENCY: Record<Severity, "very-low" | "low" | "normal" | "high"> = {
  info: "low",
  low: "low",
  medium: "normal",
  high: "high",
  critical: "high",
};

export function createWebPushProvider(options: WebPushOptions): PushProvider {
  const { vapid } = options;
  if (!vapid) {
    return {
      enabled: false,
      publicKey: null,
      send: async () => ({ status: "rejected", detail: "push is not configured on this server (no VAPID keys)" }),
    } satisfies PushProvider;
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;

  async function send(subscription: PushSubscriptionRecord, payload: PushPayload): Promise<SendResult> {
    const target = checkPushEndpoint(subscription.endpoint, options.endpoints ?? { allowHttp: false, hosts: null });
    if (!target.ok) return { status: "rejected", detail: `refusing this push endpoint: ${target.reason}` };
    let request: webpush.RequestDetails;
    try {
      request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(payload), {
        vapidDetails: vapid!,
        TTL: ttlSeconds,
        urgency: URGENCY[payload.severity],
        // One topic per alert: a resend replaces the copy a push service still holds for an offline device.
        topic: resendTokenFor(payload.alertId, TOPIC_MAX_CHARS),
        contentEncoding: "aes128gcm",
      });
    } catch (error) {
      // Malformed subscription keys: the browser's subscription is unusable, not the service.
      return { status: "rejected", detail: `could not encrypt for this subscription: ${(error as Error).message}` };
    }
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: "POST",
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: new Uint8Array(request.body as Buffer),
        // A push service never redirects; following one would let an endpoint point us anywhere.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { status: "transient", detail: `${target.url.host}: ${networkReason(error, timeoutMs)}` };
    }
    await response.body?.cancel().catch(() => {});
    return resultOf(response, target.url.host);
  }

  return { enabled: true, publicKey: vapid.publicKey, send } satisfies PushProvider;
}

/** The push service's answer, mapped as RFC 8030 §5 and the big services document it. */
function resultOf(response: Response, host: string): SendResult {
  const status = response.status;
  const detail = `${host} answered ${status}`;
  if (status >= 200 && status < 300) {
    // The Location header names the message (RFC 8030 §5); not every service sends one.
    const location = response.headers.get("location");
    return { status: "sent", id: location ? location.split("/").pop() || location : `${host}-${Date.now()}`, detail };
  }
  if (status === 404 || status === 410) return { status: "gone", detail: `${detail}: the subscription expired or was removed` };
  if (status === 429 || status >= 500 || status === 408) {
    const retryAfterMs = retryAfter(response.headers.get("retry-after"));
    return { status: "transient", detail, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { status: "rejected", detail };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkReason(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? "network error";
}
