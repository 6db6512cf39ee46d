/** Chooses the push provider once from config: Web Push with VAPID keys, else a disabled one (push off). */
import type { BeaconConfig } from "../config";
import type { PushProvider } from "./providers";
import { createWebPushProvider } from "./web-push";

export function createPushProviderFromConfig(config: Pick<BeaconConfig, "vapid" | "pushEndpoints">): PushProvider {
  return createWebPushProvider({ vapid: config.vapid, endpoints: config.pushEndpoints });
}
