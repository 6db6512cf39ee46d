/**
 * What an inbox list shows instead of rows: skeleton rows while the first page loads, a calm
 * "all caught up" when there is nothing, and an error that says what happened with a Retry.
 */
import { useLocation } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import type { InboxApiError } from "~/lib/inbox-api";
import { loginPath } from "~/lib/redirect";

export function InboxSkeleton(props: { rows?: number; compact?: boolean }) {
  return (
    <div class="inbox-skeleton" data-testid="inbox-loading" classList={{ "inbox-skeleton--compact": props.compact }}>
      <span class="visually-hidden" role="status">
        Loading alerts…
      </span>
      <ul class="inbox-skeleton__rows" aria-hidden="true">
        <For each={Array.from({ length: props.rows ?? 5 })}>
          {() => (
            <li class="inbox-skeleton__row">
              <span class="skeleton skeleton--icon" />
              <span class="inbox-skeleton__lines">
                <span class="skeleton skeleton--meta" />
                <span class="skeleton skeleton--title" />
                <Show when={!props.compact}>
                  <span class="skeleton skeleton--text" />
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

export function InboxEmpty(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="inbox-empty" data-testid="inbox-empty">
      <svg width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6" aria-hidden="true">
        <path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3Z" />
        <path d="m9 12 2 2 4-4" />
      </svg>
      <p class="inbox-empty__title">{props.title}</p>
      <Show when={props.children}>
        <div class="inbox-empty__text">{props.children}</div>
      </Show>
    </div>
  );
}

/** `inline` sits under rows already shown (a later page failed); otherwise it replaces the list. */
export function InboxError(props: { error: InboxApiError; onRetry: () => void; inline?: boolean }) {
  const location = useLocation();
  const signedOut = () => props.error.status === 401;
  return (
    <div class="inbox-error" classList={{ "inbox-error--inline": props.inline }} role="alert" data-testid="inbox-error">
      <p class="inbox-error__message">{props.error.message}</p>
      <Show
        when={signedOut()}
        fallback={
          <button type="button" class="button button--small" onClick={() => props.onRetry()}>
            Retry
          </button>
        }
      >
        <a class="button button--small" href={loginPath(location.pathname + location.search)}>
          Sign in
        </a>
      </Show>
    </div>
  );
}
