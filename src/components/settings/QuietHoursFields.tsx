import { For, Show } from "solid-js";
import type { Preferences } from "~/shared/preferences";

type QuietHours = Preferences["quietHours"];

/** The zones this browser knows, with the user's current and the browser's own first. */
export function timeZoneOptions(current: string, browserZone: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([current, browserZone, "UTC", ...known])];
}

/** "22:30" as this browser writes times ("10:30 PM" in the US), like the time inputs show it. */
export function localTime(time: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  if (!Number.isInteger(hours) || !Number.isInteger(minutes)) return time;
  return new Date(2000, 0, 1, hours, minutes).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
}

/** Quiet hours: a window (which may wrap past midnight) in a chosen zone, when push and email wait. */
export function QuietHoursFields(props: {
  value: QuietHours;
  browserZone: string;
  disabled?: boolean;
  onChange: (change: Partial<QuietHours>) => void;
}) {
  const wraps = () => props.value.start > props.value.end;
  return (
    <fieldset class="settings-fieldset" disabled={props.disabled}>
      <legend>Quiet hours</legend>
      <p class="panel__hint" id="quiet-hours-hint">
        During these hours no push notifications or emails are sent. Alerts still reach the inbox and open tabs.
      </p>
      <label class="toggle">
        <input type="checkbox" checked={props.value.enabled} onChange={(e) => props.onChange({ enabled: e.currentTarget.checked })} aria-describedby="quiet-hours-hint" />
        Use quiet hours
      </label>
      <div class="settings-row">
        <label class="settings-field">
          <span>From</span>
          <input type="time" required value={props.value.start} disabled={!props.value.enabled} onChange={(e) => props.onChange({ start: e.currentTarget.value })} />
        </label>
        <label class="settings-field">
          <span>Until</span>
          <input type="time" required value={props.value.end} disabled={!props.value.enabled} onChange={(e) => props.onChange({ end: e.currentTarget.value })} />
        </label>
        <div class="settings-field settings-field--wide">
          <label for="quiet-hours-zone">Time zone</label>
          <select id="quiet-hours-zone" value={props.value.timeZone} disabled={!props.value.enabled} onChange={(e) => props.onChange({ timeZone: e.currentTarget.value })}>
            <For each={timeZoneOptions(props.value.timeZone, props.browserZone)}>
              {(zone) => (
                <option value={zone} selected={zone === props.value.timeZone}>
                  {zone === props.browserZone ? `${zone} (this browser)` : zone}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
      <Show when={props.value.enabled && props.value.start === props.value.end}>
        <p class="settings-note settings-note--warn">The start and end are the same, so quiet hours never apply.</p>
      </Show>
      <Show when={props.value.enabled && wraps()}>
        <p class="panel__hint">
          From {localTime(props.value.start)} until {localTime(props.value.end)} the next morning.
        </p>
      </Show>
    </fieldset>
  );
}
