import { Show } from "solid-js";
import { safeLink } from "~/lib/safe-url";

/** An alert's call to action; renders nothing unless the URL passes `safeLink`. */
export function AlertLink(props: { url?: string; label?: string; class?: string }) {
  return (
    <Show when={safeLink(props.url)}>
      {(link) => (
        <a
          class={props.class ?? "alert-link"}
          href={link().href}
          target={link().external ? "_blank" : undefined}
          rel={link().external ? "noopener noreferrer" : undefined}
        >
          {props.label ?? "View details"}
        </a>
      )}
    </Show>
  );
}
