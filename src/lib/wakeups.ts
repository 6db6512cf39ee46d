/**
 * The browser events after which waiting out the backoff is pointless: the network came back,
 * or the user is looking at the tab again (and a socket from before a sleep may be dead).
 */

/**
 * Calls `reconnectNow` on `online` and when the tab becomes visible; returns the unsubscribe.
 * Does nothing where there is no window (SSR, node tests).
 * @example const unsubscribe = browserWakeups(() => socket.retryNow());
 */
export function browserWakeups(reconnectNow: () => void): () => void {
  if (typeof window === "undefined" || typeof document === "undefined") return () => {};
  const onOnline = () => reconnectNow();
  const onVisibilityChange = () => {
    if (document.visibilityState === "visible") reconnectNow();
  };
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onVisibilityChange);
  return () => {
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}
