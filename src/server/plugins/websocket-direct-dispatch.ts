/**
 * Nitro plugin: once a WebSocket peer's route is known, crossws calls its hooks directly rather
 * than looking the route up again and waiting on promises for every frame (see
 * realtime/direct-dispatch.ts). h3 builds these crossws options once and Nitro hands crossws the
 * same object, so changing them here (plugins run before the server listens) reaches every event.
 */
import { type CrosswsOptions, dispatchResolvedPeersDirectly } from "../realtime/direct-dispatch";

interface NitroAppLike {
  h3App: { websocket: CrosswsOptions };
}

export default function websocketDirectDispatch(nitroApp: NitroAppLike): void {
  dispatchResolvedPeersDirectly(nitroApp.h3App.websocket);
}
