/**
 * Infinite scroll: calls `onReachEnd` when a sentinel element after a list comes near the
 * viewport, and again after each load while it is still there (a short page does not fill a
 * tall screen, and the observer only reports changes). Without IntersectionObserver nothing
 * happens, and the list's "Load more" button remains the way on.
 */
import { type Accessor, createEffect, createSignal, onCleanup, untrack } from "solid-js";

export interface InfiniteScrollOptions {
  sentinel: Accessor<Element | undefined>;
  /** False while a page is loading, at the end of the list, or after an error. */
  enabled: Accessor<boolean>;
  onReachEnd: () => void;
  /** How far ahead of the viewport to start loading. */
  rootMargin?: string;
}

/** @example createInfiniteScroll({ sentinel, enabled: () => feed.hasMore() && !feed.loadingMore(), onReachEnd: feed.loadMore }); */
export function createInfiniteScroll(options: InfiniteScrollOptions): void {
  const [inView, setInView] = createSignal(false);

  createEffect(() => {
    const element = options.sentinel();
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((entry) => entry.isIntersecting)), {
      rootMargin: options.rootMargin ?? "0px 0px 300px 0px",
    });
    observer.observe(element);
    onCleanup(() => {
      observer.disconnect();
      setInView(false);
    });
  });

  createEffect(() => {
    if (inView() && options.enabled()) untrack(options.onReachEnd);
  });
}
