/**
 * "Push on this device" for the settings page: turn Web Push on or off for this browser, see
 * which of your devices receive push, and remove one you no longer use. Says plainly when
 * push cannot work here (unsupported browser, notifications blocked, push not configured on
 * the server) and shows the browser's own error when subscribing fails.
 */
import { createSignal, For, Match, onMount, Show, Switch } from "solid-js";
import {
  currentSubscription,
  disablePush,
  enablePush,
  fetchPublicKey,
  forgetDevice,
  listPushDevices,
  notificationPermission,
  PushSetupError,
  pushSupported,
  subscribedWithKey,
} from "~/lib/push";
import type { PushDevice } from "~/shared/push";

type State = "checking" | "unsupported" | "not_configured" | "off" | "on";

export function PushDeviceSettings() {
  const [state, setState] = createSignal<State>("checking");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const [notice, setNotice] = createSignal("");
  const [devices, setDevices] = createSignal<PushDevice[]>([]);
  const [thisEndpoint, setThisEndpoint] = createSignal<string | null>(null);
  const [blocked, setBlocked] = createSignal(false);
  const [stale, setStale] = createSignal(false);

  /** Reads where things stand: server config, this browser's subscription, the server's list. */
  async function refresh() {
    if (!pushSupported()) return setState("unsupported");
    const publicKey = await fetchPublicKey();
    if (!publicKey) return setState("not_configured");
    const [subscription, listed] = await Promise.all([currentSubscription(), listPushDevices()]);
    setDevices(listed);
    setBlocked(notificationPermission() === "denied");
    const endpoint = subscription?.endpoint ?? null;
    setThisEndpoint(endpoint);
    // On only when both sides agree: a subscription the server dropped (say after a 410) gets
    // nothing, and one made with the server's previous VAPID key is refused by the push service.
    const usable = subscription !== null && subscribedWithKey(subscription, publicKey);
    setStale(subscription !== null && !usable);
    setState(usable && listed.some((device) => device.endpoint === endpoint) ? "on" : "off");
  }

  /** Runs an action, then re-reads the state, and only then says how it went (so the message matches what is shown). */
  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError("");
    setNotice("");
    let failure = "";
    try {
      await action();
    } catch (caught) {
      failure = caught instanceof PushSetupError ? caught.message : `Something went wrong: ${(caught as Error)?.message ?? caught}`;
    }
    try {
      await refresh();
    } catch (caught) {
      failure ||= caught instanceof PushSetupError ? caught.message : "Could not read your push settings.";
    }
    setError(failure);
    setNotice(failure ? "" : done);
    setBusy(false);
  }

  onMount(() => {
    refresh().catch((caught) => {
      setState("off");
      setError(caught instanceof PushSetupError ? caught.message : "Could not read your push settings.");
    });
  });

  return (
    <section class="panel push-device-settings" data-testid="push-device-settings" data-state={state()} aria-labelledby="push-device-heading">
      <h2 id="push-device-heading">Push notifications on this device</h2>
      <p class="panel__hint">
        When no Beacon tab shows an alert in time, Beacon sends it as a notification to the devices you turn on here, then by email.
      </p>
      <Switch>
        <Match when={state() === "checking"}>
          <p role="status">Checking this browser…</p>
        </Match>
        <Match when={state() === "unsupported"}>
          <p role="status">This browser cannot receive push notifications here (it needs service workers and the Push API, over https or on localhost).</p>
        </Match>
        <Match when={state() === "not_configured"}>
          <p role="status">Push notifications are not set up on this Beacon server. Alerts you miss reach you by email instead.</p>
        </Match>
        <Match when={state() === "on" || state() === "off"}>
          <p class="push-device-settings__state" role="status">
            {busy() ? "Working… (your browser may ask whether Beacon may show notifications)" : state() === "on" ? "Push is on for this device." : "Push is off for this device."}
          </p>
          <Show when={stale()}>
            <p class="form-error">This device was set up with this server's previous push keys. Turn push on again to keep receiving notifications.</p>
          </Show>
          <Show when={blocked()}>
            <p class="form-error">Notifications are blocked for this site. Allow them in the browser's site settings to turn push on.</p>
          </Show>
          <Show
            when={state() === "on"}
            fallback={
              <button type="button" class="button button--primary" disabled={busy()} onClick={() => run(enablePush, "Push turned on. Beacon will notify this device.")}>
                Turn on push on this device
              </button>
            }
          >
            <button type="button" class="button" disabled={busy()} onClick={() => run(disablePush, "Push turned off for this device.")}>
              Turn off push on this device
            </button>
          </Show>
          <Show when={devices().length > 0}>
            <h3>Devices that receive push</h3>
            <ul class="push-device-settings__devices">
              <For each={devices()}>
                {(device) => (
                  <li>
                    <span>{device.device ?? "Unnamed browser"}</span>
                    <Show when={device.endpoint === thisEndpoint()}>
                      <span class="push-device-settings__this"> (this device)</span>
                    </Show>{" "}
                    <Show when={device.endpoint !== thisEndpoint()}>
                      <button
                        type="button"
                        class="button button--small button--ghost"
                        disabled={busy()}
                        onClick={() => run(() => forgetDevice(device.endpoint), `Removed ${device.device ?? "that device"}.`)}
                      >
                        Remove
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={notice() && !error()}>
        <p role="status" aria-live="polite">
          {notice()}
        </p>
      </Show>
    </section>
  );
}
