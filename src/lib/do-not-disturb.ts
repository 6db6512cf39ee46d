/**
 * Do-Not-Disturb is one account-wide switch (the `doNotDisturb` preference): the navbar's
 * checkbox and the settings page both change it, and the server then keeps toasts (silent
 * frames) and push away on every device. This module holds the tab's view of it, so the two
 * controls agree without a reload, and hides toasts at once while the save is in flight.
 */
import { createSignal } from "solid-js";
import type { Preferences } from "~/shared/preferences";
import { fetchPreferences, savePreferences } from "./settings-api";

const [doNotDisturb, setDoNotDisturbSignal] = createSignal(false);

export { doNotDisturb };

/** Reads the saved value (on mount). A failure leaves the switch as it was: toasts keep showing. */
export async function loadDoNotDisturb(): Promise<void> {
  try {
    setDoNotDisturbSignal((await fetchPreferences()).doNotDisturb);
  } catch {
    // The server still applies the saved value to what it sends; only the checkbox may be stale.
  }
}

/**
 * Saves the switch: read the preferences, change this one field, write them back. Shows the
 * new value at once; on failure puts the old one back and rethrows for the caller to report.
 */
export async function changeDoNotDisturb(value: boolean): Promise<void> {
  const previous = doNotDisturb();
  setDoNotDisturbSignal(value);
  try {
    const current = await fetchPreferences();
    rememberSavedPreferences(await savePreferences({ ...current, doNotDisturb: value }));
  } catch (error) {
    setDoNotDisturbSignal(previous);
    throw error;
  }
}

/** The settings page saved the whole document: the navbar follows. */
export function rememberSavedPreferences(preferences: Preferences): Preferences {
  setDoNotDisturbSignal(preferences.doNotDisturb);
  return preferences;
}
