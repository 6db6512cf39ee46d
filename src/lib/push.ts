/**
 * Web Push on this device, from the browser's side: register the service worker (public/sw.js),
 * ask for notification permission, subscribe with the server's VAPID key and store the
 * subscription server-side (/api/push/subscriptions); and the reverse. Plain functions, no
 * Solid: the settings component (components/settings/PushDeviceSettings.tsx) owns the state.
 *
 * Every failure is a PushSetupError whose message is ours and fit to show the user.
 */
import { type PushDevice, PushDeviceListSchema, PushPublicKeySchema, PushSubscribedSchema } from "~/shared/push";
import { callApi, UNREACHABLE_MESSAGE } from "./post-json";

export type PushErrorCode =
  | "unsupported"
  | "not_configured"
  | "permission_denied"
  | "permission_dismissed"
  | "service_worker_failed"
  | "subscribe_failed"
  | "server_refused"
  | "signed_out"
  | "network";

export class PushSetupError extends Error {
  constructor(
    readonly code: PushErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PushSetupError";
  }
}

export const SERVICE_WORKER_URL = "/sw.js";

/**
 * How long subscribing may take. Chromium with no reachable push service (no Google services,
 * offline) never settles the subscribe() promise; a stuck button would say nothing.
 */
export const SUBSCRIBE_TIMEOUT_MS = 20_000;

/** Service workers, the Push API and notifications, in a secure context (https or localhost). */
export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    window.isSecureContext &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

export function notificationPermission(): NotificationPermission | "unsupported" {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** The server's VAPID public key, or null when push is not configured on the server. */
export async function fetchPublicKey(): Promise<string | null> {
  const response = await request("/api/push/public-key");
  if (response.status === 404) return null;
  if (!response.ok) throw await serverError(response);
  return PushPublicKeySchema.parse(await response.json()).publicKey;
}

/** This user's devices that receive push (this one included, if it does). */
export async function listPushDevices(): Promise<PushDevice[]> {
  const response = await request("/api/push/subscriptions");
  if (!response.ok) throw await serverError(response);
  return PushDeviceListSchema.parse(await response.json()).subscriptions;
}

/** Registers public/sw.js (idempotent) and waits until it is active. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
    return await navigator.serviceWorker.ready;
  } catch (error) {
    throw new PushSetupError("service_worker_failed", `The browser refused Beacon's service worker: ${describe(error)}`);
  }
}

/** This browser's current subscription, without registering anything. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Turns push on for this device: permission prompt, service worker, subscription, then the
 * server stores it. Must be called from a click (browsers only prompt on a user gesture).
 */
export async function enablePush(): Promise<PushDevice> {
  if (!pushSupported()) {
    throw new PushSetupError("unsupported", "This browser cannot receive push notifications here (it needs service workers and the Push API over https).");
  }
  const publicKey = await fetchPublicKey();
  if (!publicKey) throw new PushSetupError("not_configured", "Push notifications are not set up on this Beacon server.");

  const permission = await Notification.requestPermission();
  if (permission === "denied") {
    throw new PushSetupError("permission_denied", "Notifications are blocked for this site. Allow them in the browser's site settings, then try again.");
  }
  if (permission !== "granted") {
    throw new PushSetupError("permission_dismissed", "The browser did not grant permission to show notifications. Try again and choose Allow.");
  }

  const registration = await registerServiceWorker();
  const key = base64UrlToBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  // Subscribed with an older server key (VAPID keys rotated): that subscription can never be used.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe().catch(() => false);
    subscription = null;
  }
  if (!subscription) {
    try {
      subscription = await withTimeout(
        registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
        SUBSCRIBE_TIMEOUT_MS,
      );
    } catch (error) {
      throw new PushSetupError("subscribe_failed", subscribeFailure(error));
    }
  }
  const response = await request("/api/push/subscriptions", { method: "POST", body: subscription.toJSON() });
  if (!response.ok) throw await serverError(response);
  return PushSubscribedSchema.parse(await response.json()).subscription;
}

/** Turns push off for this device: the server forgets it first (so nothing more is sent), then the browser unsubscribes. */
export async function disablePush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await forgetDevice(subscription.endpoint);
  await subscription.unsubscribe().catch(() => false);
}

/** Removes one of the user's devices from the server (another device, or this one); already gone is fine. */
export async function forgetDevice(endpoint: string): Promise<void> {
  const response = await request("/api/push/subscriptions", { method: "DELETE", body: { endpoint } });
  if (!response.ok && response.status !== 404) throw await serverError(response);
}

async function request(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
  const response = await callApi(path, { method: init.method ?? "GET", body });
  if (!response) throw new PushSetupError("network", UNREACHABLE_MESSAGE);
  return response;
}

async function serverError(response: Response): Promise<PushSetupError> {
  if (response.status === 401) return new PushSetupError("signed_out", "Your session has ended. Sign in again to change push settings.");
  let message = "";
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    message = body.error?.message ?? "";
  } catch {
    // not JSON: a proxy's error page
  }
  return new PushSetupError("server_refused", `Beacon could not save this device (${response.status}${message ? `: ${message}` : ""}).`);
}

function subscribeFailure(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `The browser's push service did not answer within ${SUBSCRIBE_TIMEOUT_MS / 1000} s (is this device offline, or does this browser lack a push service?).`;
  }
  const text = `The browser could not subscribe to push: ${describe(error)}`;
  // Chrome refuses push in incognito windows with "permission denied" even though notifications are allowed.
  if (/permission denied/i.test(text) && notificationPermission() === "granted") {
    return `${text}. Notifications are allowed, so this is most likely a private (incognito) window, where this browser does not offer push.`;
  }
  return text;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: "TimeoutError" })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** False when the browser subscribed with another server key (the VAPID keys changed since): push services refuse such sends. */
export function subscribedWithKey(subscription: PushSubscription, publicKey: string): boolean {
  return sameKey(subscription.options.applicationServerKey, base64UrlToBytes(publicKey));
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === wanted.length && bytes.every((byte, i) => byte === wanted[i]);
}
