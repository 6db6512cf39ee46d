import { createMemo, For, Show } from "solid-js";
import { formatAlertTime } from "~/lib/format-time";
import { type Alert, SERVICE_LABELS } from "~/shared/alert";
import { AlertLink } from "./AlertLink";
import { ServiceIcon } from "./ServiceIcon";
import { SeverityBadge } from "./SeverityBadge";

/** This session's alerts, newest first (sorted here too, so the order never depends on arrival). */
export function AlertList(props: { alerts: readonly Alert[] }) {
  const newestFirst = createMemo(() =>
    [...props.alerts].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
  );

  return (
    <section class="alert-list" aria-labelledby="alert-list-heading">
      <h2 id="alert-list-heading">Alerts</h2>
      <Show when={newestFirst().length === 0}>
        <p class="alert-list__empty">No alerts yet. New alerts appear here the moment a service finds something.</p>
      </Show>
      <ul data-testid="alert-list" class="alert-list__items">
        <For each={newestFirst()}>
          {(alert) => (
            <li data-testid="alert-item" class="alert-item" data-severity={alert.severity}>
              <div class="alert-item__meta">
                <ServiceIcon service={alert.service} />
                <span class="alert-item__service">{SERVICE_LABELS[alert.service]}</span>
                <SeverityBadge severity={alert.severity} />
                <time class="alert-item__time" datetime={alert.createdAt}>
                  {formatAlertTime(alert.createdAt)}
                </time>
              </div>
              <h3 class="alert-item__title">{alert.title}</h3>
              <p class="alert-item__body">{alert.body}</p>
              <AlertLink url={alert.actionUrl} label={alert.actionLabel} />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
