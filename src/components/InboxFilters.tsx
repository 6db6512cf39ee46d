import { For, Show } from "solid-js";
import type { InboxFilters as Filters } from "~/lib/inbox-api";
import { hasNarrowingFilter } from "~/lib/inbox-filters";
import { SERVICE_LABELS, SERVICES, SEVERITIES } from "~/shared/alert";

/** The /alerts filter bar: inbox or archive, service, severity, unread only. */
export function InboxFilters(props: { filters: Filters; onChange: (next: Filters) => void }) {
  const set = (change: Partial<Filters>) => props.onChange({ ...props.filters, ...change });

  return (
    <div class="inbox-filters" role="group" aria-label="Filter alerts">
      <div class="segmented" role="group" aria-label="Show">
        <button type="button" class="segmented__option" aria-pressed={!props.filters.archived} onClick={() => set({ archived: undefined })}>
          Inbox
        </button>
        <button type="button" class="segmented__option" aria-pressed={Boolean(props.filters.archived)} onClick={() => set({ archived: true })}>
          Archived
        </button>
      </div>
      <label class="inbox-filters__field">
        <span class="visually-hidden">Service</span>
        <select onChange={(event) => set({ service: (event.currentTarget.value || undefined) as Filters["service"] })}>
          <option value="" selected={!props.filters.service}>
            All services
          </option>
          <For each={SERVICES}>
            {(service) => (
              <option value={service} selected={props.filters.service === service}>
                {SERVICE_LABELS[service]}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="inbox-filters__field">
        <span class="visually-hidden">Severity</span>
        <select onChange={(event) => set({ severity: (event.currentTarget.value || undefined) as Filters["severity"] })}>
          <option value="" selected={!props.filters.severity}>
            Any severity
          </option>
          <For each={[...SEVERITIES].reverse()}>
            {(severity) => (
              <option value={severity} selected={props.filters.severity === severity}>
                {severity[0]!.toUpperCase() + severity.slice(1)}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="toggle">
        <input type="checkbox" checked={Boolean(props.filters.unread)} onChange={(event) => set({ unread: event.currentTarget.checked || undefined })} />
        Unread only
      </label>
      <Show when={hasNarrowingFilter(props.filters)}>
        <button type="button" class="button button--small button--ghost" onClick={() => props.onChange({ archived: props.filters.archived })}>
          Clear filters
        </button>
      </Show>
    </div>
  );
}
