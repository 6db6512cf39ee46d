import { createEffect, createSignal, createUniqueId, type JSX, onCleanup, Show } from "solid-js";
import { UnreadBadge } from "./UnreadBadge";

export interface InboxMenuProps {
  count: number;
  /** The panel's content; `close()` is for links inside that navigate away. */
  children: (close: () => void) => JSX.Element;
}

/**
 * The bell and the panel it opens: a non-modal dialog anchored under the bell. Opening moves
 * focus into the panel; Escape closes it and puts focus back on the bell; a click outside or
 * focus moving elsewhere closes it without taking focus back.
 */
export function InboxMenu(props: InboxMenuProps) {
  const [open, setOpen] = createSignal(false);
  const panelId = createUniqueId();
  let root: HTMLDivElement | undefined;
  let bell: HTMLButtonElement | undefined;
  let panel: HTMLDivElement | undefined;

  function close(returnFocus: boolean) {
    if (!open()) return;
    setOpen(false);
    if (returnFocus) bell?.focus();
  }

  createEffect(() => {
    if (!open()) return;
    panel?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      close(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (root && !root.contains(event.target as Node)) close(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    onCleanup(() => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    });
  });

  return (
    <div
      class="inbox-menu"
      ref={root}
      onFocusOut={(event) => {
        // Tabbing past the last control in the panel leaves it: a popover left open behind
        // the focus would hide the page the user is now on.
        const next = event.relatedTarget as Node | null;
        if (next && root && !root.contains(next)) close(false);
      }}
    >
      <UnreadBadge
        count={props.count}
        expanded={open()}
        controls={panelId}
        buttonRef={(element) => (bell = element)}
        onClick={() => (open() ? close(true) : setOpen(true))}
      />
      <Show when={open()}>
        <div id={panelId} ref={panel} class="inbox-popover" role="dialog" aria-label="Alerts" tabindex="-1" data-testid="inbox-panel">
          {props.children(() => close(false))}
        </div>
      </Show>
    </div>
  );
}
