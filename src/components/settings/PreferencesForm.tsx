import { createSignal, For, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import { type FieldIssue, toSettingsApiError } from "~/lib/settings-api";
import { SEVERITIES, type Severity } from "~/shared/alert";
import { type Preferences, PreferencesSchema } from "~/shared/preferences";
import { ChannelGrid } from "./ChannelGrid";
import { QuietHoursFields } from "./QuietHoursFields";

const SEVERITY_LABELS: Record<Severity, string> = { info: "Info", low: "Low", medium: "Medium", high: "High", critical: "Critical only" };

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string; issues: FieldIssue[] };

/** Field paths as the user reads them, for the list of what was refused. */
function fieldLabel(path: string): string {
  if (path.startsWith("quietHours.timeZone")) return "Quiet hours time zone";
  if (path.startsWith("quietHours.start")) return "Quiet hours start";
  if (path.startsWith("quietHours.end")) return "Quiet hours end";
  if (path.startsWith("minSeverity.push")) return "Least severity for push";
  if (path.startsWith("minSeverity.email")) return "Least severity for email";
  return path;
}

/**
 * The delivery preferences, edited as a draft and saved whole (PUT /api/preferences).
 * Checked with the shared schema before sending, so most mistakes never leave the page;
 * whatever the server still refuses is listed by field.
 */
export function PreferencesForm(props: { initial: Preferences; browserZone: string; save: (preferences: Preferences) => Promise<Preferences> }) {
  const [draft, setDraft] = createStore<Preferences>(structuredClone(props.initial));
  const [saved, setSaved] = createSignal(JSON.stringify(props.initial));
  const [state, setState] = createSignal<SaveState>({ kind: "idle" });
  const dirty = () => JSON.stringify(draft) !== saved();
  const busy = () => state().kind === "saving";

  // Any edit after a save (or a failure) returns to "unsaved": stale success text would mislead.
  function edit(apply: () => void) {
    apply();
    if (state().kind !== "saving") setState({ kind: "idle" });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy() || !dirty()) return;
    const candidate = structuredClone(unwrap(draft));
    const checked = PreferencesSchema.safeParse(candidate);
    if (!checked.success) {
      const issues = checked.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
      return setState({ kind: "error", message: "Some values are not valid yet.", issues });
    }
    setState({ kind: "saving" });
    try {
      const stored = await props.save(checked.data);
      setDraft(reconcile(stored));
      setSaved(JSON.stringify(stored));
      setState({ kind: "saved" });
    } catch (error) {
      const failure = toSettingsApiError(error);
      setState({ kind: "error", message: failure.message, issues: failure.issues });
    }
  }

  const issues = () => {
    const current = state();
    return current.kind === "error" ? current.issues : [];
  };

  return (
    <form class="panel settings-section" aria-labelledby="delivery-heading" onSubmit={submit} novalidate data-testid="preferences-form">
      <h2 id="delivery-heading">Delivery</h2>
      <p class="settings-note settings-note--critical" data-testid="critical-note">
        <strong>Critical alerts always reach you.</strong> They ignore these switches, Do not disturb and quiet hours, so a
        password leak or a deed change is never muted.
      </p>

      <fieldset class="settings-fieldset" disabled={busy()}>
        <legend>Channels per service</legend>
        <ChannelGrid channels={draft.channels} onChange={(service, channel, on) => edit(() => setDraft("channels", service, channel, on))} />
      </fieldset>

      <fieldset class="settings-fieldset" disabled={busy()}>
        <legend>Least severity worth interrupting you</legend>
        <div class="settings-row">
          <For each={["push", "email"] as const}>
            {(channel) => (
              // A label wrapping a select would take the options' text into its name: point at it instead.
              <div class="settings-field">
                <label for={`min-severity-${channel}`}>{channel === "push" ? "Push notifications from" : "Emails from"}</label>
                <select
                  id={`min-severity-${channel}`}
                  value={draft.minSeverity[channel]}
                  onChange={(e) => edit(() => setDraft("minSeverity", channel, e.currentTarget.value as Severity))}
                >
                  <For each={SEVERITIES}>
                    {(severity) => (
                      <option value={severity} selected={severity === draft.minSeverity[channel]}>
                        {SEVERITY_LABELS[severity]}
                        {severity !== "critical" ? " and above" : ""}
                      </option>
                    )}
                  </For>
                </select>
              </div>
            )}
          </For>
        </div>
      </fieldset>

      <fieldset class="settings-fieldset" disabled={busy()}>
        <legend>Do not disturb</legend>
        <label class="toggle">
          <input
            type="checkbox"
            checked={draft.doNotDisturb}
            aria-describedby="dnd-hint"
            onChange={(e) => edit(() => setDraft("doNotDisturb", e.currentTarget.checked))}
          />
          Do not disturb on all my devices
        </label>
        <p class="panel__hint" id="dnd-hint">
          No toasts and no push notifications, wherever you are signed in. The bell and the inbox still update; emails follow
          their own settings. The Do not disturb box in the top bar is the same switch.
        </p>
      </fieldset>

      <QuietHoursFields
        value={draft.quietHours}
        browserZone={props.browserZone}
        disabled={busy()}
        onChange={(change) => edit(() => setDraft("quietHours", change))}
      />

      <div class="settings-actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus right after Save. */}
        <button type="submit" class="button button--primary" aria-disabled={busy() || !dirty()}>
          {busy() ? "Saving…" : "Save preferences"}
        </button>
        <span class="settings-status" role="status" aria-live="polite" data-testid="preferences-status">
          <Show when={state().kind === "saved" && !dirty()}>Saved.</Show>
          <Show when={state().kind === "idle" && dirty()}>Unsaved changes.</Show>
        </span>
      </div>
      <Show when={state().kind === "error"}>
        <div class="form-error" role="alert" data-testid="preferences-error">
          {(state() as Extract<SaveState, { kind: "error" }>).message}
          <Show when={issues().length > 0}>
            <ul>
              <For each={issues()}>
                {(issue) => (
                  <li>
                    {fieldLabel(issue.path)}: {issue.message}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
    </form>
  );
}
