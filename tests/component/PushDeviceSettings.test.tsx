/**
 * "Push on this device" with the real component and src/lib/push.ts. The doubles sit at the
 * edges only: the browser's Push API (service worker registration, PushManager, Notification,
 * which jsdom lacks) and the server's push API over fetch.
 */
import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PushDeviceSettings } from "~/components/settings/PushDeviceSettings";
import type { PushDevice } from "~/shared/push";

const SERVER_KEY = `B${"A".repeat(86)}`; // 65 bytes, base64url, like a VAPID public key

function jsonResponse(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** The server side of /api/push/*, in memory. */
class PushApi {
  publicKey: string | null = SERVER_KEY;
  devices: PushDevice[] = [];
  refuseNextPost: { status: number; code: string; message: string } | null = null;
  readonly calls: { method: string; path: string; body: any }[] = [];

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = new URL(String(input), "http://localhost").pathname;
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    this.calls.push({ method, path, body });
    if (path === "/api/push/public-key") {
      return this.publicKey ? jsonResponse(200, { publicKey: this.publicKey }) : jsonResponse(404, { error: { code: "feature_disabled", message: "off" } });
    }
    if (path !== "/api/push/subscriptions") return jsonResponse(404, { error: { code: "not_found", message: "no" } });
    if (method === "GET") return jsonResponse(200, { subscriptions: this.devices });
    if (method === "POST") {
      if (this.refuseNextPost) {
        const { status, code, message } = this.refuseNextPost;
        this.refuseNextPost = null;
        return jsonResponse(status, { error: { code, message } });
      }
      const device = { id: `ps_${this.devices.length + 1}`, endpoint: body.endpoint, device: "Chrome on Linux", createdAt: new Date().toISOString() };
      this.devices = [...this.devices.filter((d) => d.endpoint !== body.endpoint), device];
      return jsonResponse(201, { subscription: device });
    }
    if (method === "DELETE") {
      const before = this.devices.length;
      this.devices = this.devices.filter((d) => d.endpoint !== body.endpoint);
      return this.devices.length < before ? jsonResponse(204, null) : jsonResponse(404, { error: { code: "not_found", message: "none" } });
    }
    return jsonResponse(405, {});
  });
}

/** The browser's Push API as Chromium behaves when a push service answers. */
class BrowserPush {
  permission: NotificationPermission = "default";
  answerPrompt: NotificationPermission = "granted";
  subscription: { endpoint: string; options: { applicationServerKey: ArrayBuffer }; toJSON(): unknown; unsubscribe: () => Promise<boolean> } | null = null;
  subscribeError: Error | null = null;
  registered: string[] = [];
  subscribedWith: Uint8Array | null = null;

  install() {
    const pushManager = {
      getSubscription: async () => this.subscription,
      subscribe: async (options: { applicationServerKey: Uint8Array }) => {
        if (this.subscribeError) throw this.subscribeError;
        this.subscribedWith = options.applicationServerKey;
        const endpoint = `https://push.example.test/send/${Math.random().toString(36).slice(2)}`;
        const subscription = {
          endpoint,
          options: { applicationServerKey: options.applicationServerKey.slice().buffer },
          toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: `B${"p".repeat(86)}`, auth: "a".repeat(22) } }),
          unsubscribe: async () => {
            this.subscription = null;
            return true;
          },
        };
        this.subscription = subscription;
        return subscription;
      },
    };
    const registration = { pushManager, active: { scriptURL: "/sw.js" } };
    Object.defineProperty(window, "isSecureContext", { value: true, configurable: true });
    vi.stubGlobal("PushManager", function PushManager() {});
    const browser = this;
    vi.stubGlobal(
      "Notification",
      Object.assign(function Notification() {}, {
        get permission() {
          return browser.permission;
        },
        requestPermission: async () => (browser.permission = browser.permission === "default" ? browser.answerPrompt : browser.permission),
      }),
    );
    Object.defineProperty(navigator, "serviceWorker", {
      configurable: true,
      value: {
        register: async (url: string) => {
          this.registered.push(url);
          return registration;
        },
        ready: Promise.resolve(registration),
        getRegistration: async () => (this.registered.length > 0 ? registration : undefined),
      },
    });
  }
}

let api: PushApi;
let browser: BrowserPush;
beforeEach(() => {
  api = new PushApi();
  browser = new BrowserPush();
  vi.stubGlobal("fetch", api.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "serviceWorker");
  Reflect.deleteProperty(window, "isSecureContext");
});

describe("push on this device", () => {
  it("says so when this browser cannot receive push", async () => {
    render(() => <PushDeviceSettings />);
    expect(await screen.findByText(/This browser cannot receive push notifications here/)).toBeInTheDocument();
    expect(screen.getByTestId("push-device-settings")).toHaveAttribute("data-state", "unsupported");
  });

  it("says so when push is not configured on the server, and offers no button", async () => {
    browser.install();
    api.publicKey = null;
    render(() => <PushDeviceSettings />);
    expect(await screen.findByText(/Push notifications are not set up on this Beacon server/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("turns push on: asks permission, subscribes with the server's key, stores the subscription, lists this device", async () => {
    browser.install();
    render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));

    expect(await screen.findByText("Push is on for this device.")).toBeInTheDocument();
    expect(screen.getByText("Push turned on. Beacon will notify this device.")).toBeInTheDocument();
    expect(browser.permission).toBe("granted");
    expect(browser.registered).toEqual(["/sw.js"]);
    expect(browser.subscribedWith?.length).toBe(65);
    expect(browser.subscribedWith?.[0]).toBe(0x04);
    const posted = api.calls.find((call) => call.method === "POST");
    expect(posted?.body).toEqual({ endpoint: browser.subscription!.endpoint, expirationTime: null, keys: expect.any(Object) });
    expect(screen.getByText("(this device)", { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Turn off push on this device" })).toBeInTheDocument();
  });

  it("turns push off: the server forgets the device, then the browser unsubscribes", async () => {
    browser.install();
    render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    fireEvent.click(await screen.findByRole("button", { name: "Turn off push on this device" }));
    expect(await screen.findByText("Push turned off for this device.")).toBeInTheDocument();
    expect(screen.getByText("Push is off for this device.")).toBeInTheDocument();
    expect(api.devices).toEqual([]);
    expect(browser.subscription).toBeNull();
    expect(api.calls.filter((call) => call.method === "DELETE")).toHaveLength(1);
  });

  it("explains blocked notifications and how to allow them", async () => {
    browser.install();
    browser.answerPrompt = "denied";
    render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Notifications are blocked for this site. Allow them in the browser's site settings");
    expect(api.calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("shows the browser's own error when subscribing fails", async () => {
    browser.install();
    browser.subscribeError = Object.assign(new Error("Registration failed - push service error"), { name: "AbortError" });
    render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The browser could not subscribe to push: AbortError: Registration failed - push service error");
    expect(screen.getByText("Push is off for this device.")).toBeInTheDocument();
  });

  it("shows the server's refusal", async () => {
    browser.install();
    api.refuseNextPost = { status: 409, code: "limit_reached", message: "at most 20 devices can receive push; turn push off on one first" };
    render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Beacon could not save this device (409: at most 20 devices can receive push");
    await waitFor(() => expect(screen.getByText("Push is off for this device.")).toBeInTheDocument());
  });

  it("shows a device subscribed with the server's previous key as off, and turning it on re-subscribes with the new key", async () => {
    browser.install();
    const before = render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    await screen.findByText("Push is on for this device.");
    const oldEndpoint = browser.subscription!.endpoint;
    before.unmount();
    api.publicKey = `BA${"Q".repeat(85)}`; // the server's VAPID keys were changed
    render(() => <PushDeviceSettings />);
    expect(await screen.findByText(/set up with this server's previous push keys/)).toBeInTheDocument();
    expect(screen.getByText("Push is off for this device.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Turn on push on this device" }));
    await waitFor(() => expect(browser.subscription?.endpoint).not.toBe(oldEndpoint));
    expect(Buffer.from(browser.subscribedWith!).toString("base64url")).toBe(api.publicKey);
    expect(await screen.findByText("Push turned on. Beacon will notify this device.")).toBeInTheDocument();
  });

  it("counts a browser subscription the server no longer has (the push service said 410) as off", async () => {
    browser.install();
    const before = render(() => <PushDeviceSettings />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on push on this device" }));
    await screen.findByText("Push is on for this device.");
    before.unmount();
    api.devices = [];
    render(() => <PushDeviceSettings />);
    expect(await screen.findByText("Push is off for this device.")).toBeInTheDocument();
    expect(browser.subscription).not.toBeNull();
  });
});
