/**
 * Nitro plugin: crossws asks h3 which route's hooks handle each WebSocket event, and h3 answers
 * by parsing the peer's URL and walking the router, asynchronously, every time: for every
 * frame a tab sends (an ack per alert), not just once per connection. A peer's URL never
 * changes, so the answer is kept per peer. Allocation sampling of `pnpm bench` put the lookup
 * at about 6% of everything the server allocates under load.
 */
import { resolveOncePer } from "../realtime/resolve-once";

/** The part of Nitro's app this plugin touches: h3 hands crossws these options, `resolve` included. */
interface NitroAppLike {
  h3App: { websocket: { resolve?: (info: object) => unknown } };
}

export default function websocketRouteCache(nitroApp: NitroAppLike): void {
  // h3 builds this options object once and hands crossws the same one, so replacing its
  // resolve here (plugins run before the server starts listening) reaches every event.
  const options = nitroApp.h3App.websocket;
  if (options.resolve) options.resolve = resolveOncePer(options.resolve);
}
