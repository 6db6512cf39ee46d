/**
 * The current time as a signal for "time ago" labels. One shared timer ticks for every label
 * on the page (a long list must not start an interval per row), and only while one is mounted.
 */
import { type Accessor, createSignal, onCleanup } from "solid-js";

export const NOW_TICK_MS = 30_000;

const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** @example const now = useNow(); <span>{formatTimeAgo(iso, now())}</span> */
export function useNow(): Accessor<number> {
  if (typeof window === "undefined") return () => Date.now(); // SSR: no timers on the server
  if (users++ === 0) {
    setNow(Date.now());
    timer = setInterval(() => setNow(Date.now()), NOW_TICK_MS);
  }
  onCleanup(() => {
    if (--users === 0) clearInterval(timer);
  });
  return now;
}
