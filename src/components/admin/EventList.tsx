/** The scrolling list of what happened, newest first, with filters by kind, server and text. */
import { createMemo, createSignal, For, Show } from "solid-js";
import type { ServerEvent } from "~/shared/admin";
import { describeEvent, type EventKind, eventKind, searchableText } from "./event-text";

const KINDS: Array<{ value: EventKind | "all"; label: string }> = [
  { value: "all", label: "All events" },
  { value: "published", label: "Published" },
  { value: "delivered", label: "Delivered live" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "fallback", label: "Fallbacks (push / email)" },
  { value: "ladder", label: "Ladder steps (skipped, retried, no ack)" },
  { value: "failed", label: "Failed" },
  { value: "connection", label: "Connections" },
  { value: "error", label: "Errors" },
];

export function EventList(props: { events: readonly ServerEvent[]; servers: readonly string[] }) {
  const [kind, setKind] = createSignal<EventKind | "all">("all");
  const [server, setServer] = createSignal("all");
  const [text, setText] = createSignal("");
  const shown = createMemo(() => {
    const needle = text().trim().toLowerCase();
    return props.events.filter(
      (entry) =>
        (kind() === "all" || eventKind(entry.event) === kind()) &&
        (server() === "all" || entry.serverId === server()) &&
        (!needle || searchableText(entry).includes(needle)),
    );
  });
  return (
    <section class="panel admin-events" aria-labelledby="admin-events-title">
      <h2 id="admin-events-title">Events</h2>
      <div class="admin-events__filters">
        <label>
          Kind{" "}
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as EventKind | "all")}>
            <For each={KINDS}>{(option) => <option value={option.value}>{option.label}</option>}</For>
          </select>
        </label>
        <label>
          Server{" "}
          <select value={server()} onChange={(e) => setServer(e.currentTarget.value)}>
            <option value="all">All servers</option>
            <For each={props.servers}>{(id) => <option value={id}>{id}</option>}</For>
          </select>
        </label>
        <label>
          Search <input type="search" placeholder="user, service, title…" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
      </div>
      <Show when={shown().length > 0} fallback={<p class="panel__hint">Nothing yet. Events appear here as they happen.</p>}>
        <ol class="admin-events__list" aria-live="polite" aria-relevant="additions">
          <For each={shown()}>
            {(entry) => (
              <li class="admin-event" data-kind={eventKind(entry.event)}>
                <time datetime={entry.event.at}>{new Date(entry.event.at).toLocaleTimeString()}</time>
                <span class="admin-event__kind">{eventKind(entry.event)}</span>
                <span class="admin-event__text">{describeEvent(entry.event)}</span>
                <span class="admin-event__server">{entry.serverId}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
