/*
 * Beacon's service worker: turns a Web Push message into a notification, tells the server the
 * alert reached this device (the ack that stops the delivery ladder from escalating to email),
 * and opens the alert when the notification is clicked. Plain JS, served as is from public/.
 * The payload is src/shared/push.ts PushPayloadSchema: { alertId, service, severity, title,
 * body, url, icon?, ackUrl }.
 */

self.addEventListener("install", () => {
  // A new version takes over at once: the old one has nothing worth finishing.
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("push", (event) => {
  event.waitUntil(showAndAck(event.data));
});

async function showAndAck(data) {
  let payload = null;
  try {
    payload = data ? data.json() : null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload.title !== "string" || typeof payload.alertId !== "string") {
    // Browsers require a visible notification for every push (userVisibleOnly), even an unreadable one.
    await self.registration.showNotification("Beacon", { body: "You have a new security alert.", tag: "beacon-unreadable", data: { url: "/alerts" } });
    return;
  }
  await self.registration.showNotification(payload.title, {
    body: payload.body,
    icon: payload.icon,
    // One notification per alert: a retried push replaces it instead of stacking a second.
    tag: payload.alertId,
    // A critical alert stays on screen until the user deals with it.
    requireInteraction: payload.severity === "critical",
    data: { url: payload.url, alertId: payload.alertId },
  });
  // Only after the notification is up: the ack means "a person could see it", not "a push arrived".
  try {
    await fetch(new URL(payload.ackUrl, self.location.origin).href, {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "push" }),
    });
  } catch {
    // Offline or signed out: the ladder then goes on to email, which is the right outcome.
  }
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/alerts";
  event.waitUntil(openAlert(new URL(url, self.location.origin).href));
});

/** Reuses an open Beacon tab when there is one (focus it, then navigate it); otherwise opens a window. */
async function openAlert(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const sameApp = windows.find((client) => new URL(client.url).origin === new URL(url).origin);
  if (sameApp) {
    let focused = null;
    try {
      focused = await sameApp.focus();
    } catch {
      focused = null; // not allowed to focus (no user gesture left): open a window below instead
    }
    if (focused) {
      try {
        await focused.navigate(url);
        return;
      } catch {
        // navigate() works only on tabs this worker controls (not one opened before it took over): open the alert in a new one.
      }
    }
  }
  await self.clients.openWindow(url);
}
