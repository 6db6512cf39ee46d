/**
 * The browser events after which waiting out the backoff is pointless: the network came back,
 * or the user is looking at the tab again (and a socket from before a sleep may be dead).
 */

/**
 * Calls `reconnectNow` on `online` and when the tab becomes visible, and `wentOffline` when the
 * browser says the network is gone; returns the unsubscribe.
 * Does nothing where there is no window (SSR, node tests).
 * @example const unsubscribe = browserWakeups(() => socket.retryNow(), () => socket.probe());
 */
export function browserWakeups(reconnectNow: () => void, wentOffline: () => void = () => {}): () => void {
  if (typeof window === "undefined" || typeof document === "undefined") return () => {};
  const onOnline = () => reconnectNow();
  const onOffline = () => wentOffline();
  const onVisibilityChange = () => {
    if (document.visibilityState === "visible") reconnectNow();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  document.addEventListener("visibilitychange", onVisibilityChange);
  return () => {
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}

/** The browser's own idea of connectivity; true where there is no navigator (node). */
export function browserIsOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}
