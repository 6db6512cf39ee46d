/**
 * A short, quiet beep for new alerts, made with WebAudio so no audio file ships.
 * Browsers keep an AudioContext suspended until a user gesture, so the sound toggle calls
 * `primeNotificationSound()` from its click handler; later beeps then play without one.
 */

const MIN_GAP_MS = 1000; // "Simulate all" delivers five alerts at once: one beep, not five.

let context: AudioContext | undefined;
let lastPlayedAt = 0;

function audioContext(): AudioContext | undefined {
  if (context) return context;
  const Ctor =
    globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return undefined;
  context = new Ctor();
  return context;
}

/** Call from a user gesture (the toggle's click) so the browser lets later beeps play. */
export function primeNotificationSound(): void {
  void audioContext()?.resume().catch(() => {});
}

/** Plays the beep; silently does nothing where WebAudio is missing or blocked. */
export function playNotificationSound(): void {
  const now = Date.now();
  if (now - lastPlayedAt < MIN_GAP_MS) return;
  const ctx = audioContext();
  if (!ctx || ctx.state !== "running") return;
  lastPlayedAt = now;

  const start = ctx.currentTime;
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = "sine";
  oscillator.frequency.setValueAtTime(880, start);
  // A fast attack and exponential release avoid the click of a hard start/stop.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.06, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.2);
}
