/**
 * What the service worker gets for an alert: enough to show the notification and to ack it,
 * and no more (push services cap payloads near 4 KB, and the full alert is one click away).
 */
import { type Alert, fitText } from "../../shared/alert";
import type { PushPayload } from "../../shared/push";

/** Notification bodies show two or three lines; the teaser (or the body's start) is enough. */
const BODY_CHARS = 240;

export function pushPayloadFor(alert: Alert, appUrl: string): PushPayload {
  const base = appUrl.replace(/\/+$/, "");
  const id = encodeURIComponent(alert.id);
  return {
    alertId: alert.id,
    service: alert.service,
    severity: alert.severity,
    title: alert.title,
    body: fitText(alert.teaser ?? alert.body, BODY_CHARS),
    // The alert's page in the app, not its actionUrl: that page is where it is read and acted on.
    url: `${base}/alerts/${id}`,
    // One per service, in public/icons/ (same strokes as the in-app ServiceIcon).
    icon: `/icons/${alert.service}.svg`,
    // Relative: the service worker resolves it against its own origin, where the session cookie lives.
    ackUrl: `/api/inbox/${id}/ack`,
  };
}
