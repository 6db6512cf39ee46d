/**
 * Which push endpoints the server will POST to. The endpoint comes from the browser (its
 * PushSubscription), so any signed-in user can hand us a URL: without a check, the server's push
 * sender becomes a way to make requests to hosts on its own network (SSRF). Real browsers only
 * ever hand out endpoints of a few push services, so production accepts those hosts and https
 * only. The check runs when a subscription is saved (a 400 that names the problem) and again
 * before every send (subscriptions saved under a looser policy are refused, not sent).
 */

/**
 * The push services of the browsers people use: Chrome, Edge, Opera, Samsung Internet and other
 * Chromium browsers (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS).
 * A leading dot matches the subdomains of the name.
 */
export const KNOWN_PUSH_SERVICE_HOSTS: readonly string[] = [
  "fcm.googleapis.com",
  "android.googleapis.com",
  "updates.push.services.mozilla.com",
  "web.push.apple.com",
  ".notify.windows.com",
];

export interface PushEndpointPolicy {
  /** Accept http:// endpoints (local test push services). */
  allowHttp: boolean;
  /** Host names accepted (a leading dot: its subdomains); null accepts any host. */
  hosts: readonly string[] | null;
}

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: "the endpoint is not a URL" };
  }
  if (url.protocol !== "https:" && !(policy.allowHttp && url.protocol === "http:")) {
    return { ok: false, reason: `must be an https:// push service URL, not ${url.protocol} (PUSH_ALLOW_HTTP_ENDPOINTS allows http for local testing)` };
  }
  // No push service puts credentials in an endpoint; the server would send them on.
  if (url.username || url.password) return { ok: false, reason: "must not carry credentials" };
  if (policy.hosts && !policy.hosts.some((pattern) => hostMatches(url.hostname, pattern))) {
    return { ok: false, reason: `${url.hostname} is not a known push service (PUSH_ENDPOINT_HOSTS lists the accepted ones)` };
  }
  return { ok: true, url };
}

function hostMatches(hostname: string, pattern: string): boolean {
  return pattern.startsWith(".") ? hostname.endsWith(pattern) && hostname.length > pattern.length : hostname === pattern;
}
