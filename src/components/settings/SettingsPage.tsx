import { createSignal, Match, onMount, Switch } from "solid-js";
import { rememberSavedPreferences } from "~/lib/do-not-disturb";
import { fetchPreferences, savePreferences, toSettingsApiError } from "~/lib/settings-api";
import { defaultPreferences, type Preferences } from "~/shared/preferences";
import { FamilyGroups } from "./FamilyGroups";
import { PreferencesForm } from "./PreferencesForm";
import { PushDeviceSettings } from "./PushDeviceSettings";
import "./settings.css";

/** The zone this browser runs in, or UTC when it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * Someone who never saved preferences has the server's defaults, whose quiet-hours zone is
 * UTC; their browser's zone is the better guess. It is shown, and stored with their first save.
 */
export function withBrowserZone(preferences: Preferences, zone: string): Preferences {
  const untouched = JSON.stringify(preferences) === JSON.stringify(defaultPreferences());
  return untouched ? { ...preferences, quietHours: { ...preferences.quietHours, timeZone: zone } } : preferences;
}

type Load = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; preferences: Preferences };

/** /settings: delivery preferences, this device's push, and family groups. */
export function SettingsPage() {
  const zone = browserTimeZone();
  const [load, setLoad] = createSignal<Load>({ kind: "loading" });

  async function fetchAll() {
    setLoad({ kind: "loading" });
    try {
      setLoad({ kind: "ready", preferences: withBrowserZone(await fetchPreferences(), zone) });
    } catch (error) {
      setLoad({ kind: "error", message: toSettingsApiError(error).message });
    }
  }
  onMount(() => void fetchAll());

  return (
    <main class="settings" data-testid="settings-page">
      <header class="settings__header">
        <h1>Settings</h1>
        <p class="panel__hint">How Beacon reaches you when an alert arrives.</p>
      </header>
      <Switch>
        <Match when={load().kind === "loading"}>
          <section class="panel settings-section" aria-busy="true">
            <p>Loading your preferences…</p>
          </section>
        </Match>
        <Match when={load().kind === "error"}>
          <section class="panel settings-section">
            <div class="form-error" role="alert">
              {(load() as Extract<Load, { kind: "error" }>).message}{" "}
              <button type="button" class="link-button" onClick={() => void fetchAll()}>
                Try again
              </button>
            </div>
          </section>
        </Match>
        <Match when={load().kind === "ready" && (load() as Extract<Load, { kind: "ready" }>)} keyed>
          {(ready) => <PreferencesForm initial={ready.preferences} browserZone={zone} save={(preferences) => savePreferences(preferences).then(rememberSavedPreferences)} />}
        </Match>
      </Switch>
      <PushDeviceSettings />
      <FamilyGroups />
    </main>
  );
}
