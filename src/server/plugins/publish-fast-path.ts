/**
 * Nitro plugin: `POST /api/alerts` is answered before Nitro's own request pipeline (route
 * rules, the static-asset lookup, the middleware stack of every vinxi router, and a
 * per-request AsyncLocalStorage context), none of which the publish API uses. Profiles of
 * `pnpm bench` put that pipeline at a large share of the CPU of an HTTP publish.
 * Every other request goes through Nitro unchanged.
 */
import type { H3Event } from "vinxi/http";
import { handlePublishRequest, isPublishPath } from "../publish-route";

/** The part of Nitro's app object this plugin touches: h3 calls `handler` per request. */
interface NitroAppLike {
  h3App: { handler: (event: H3Event) => Promise<unknown> };
}

export default function publishFastPath(nitroApp: NitroAppLike): void {
  const nitroHandler = nitroApp.h3App.handler;
  nitroApp.h3App.handler = (event) => {
    const url = event.node.req.url ?? "";
    const query = url.indexOf("?");
    return isPublishPath(query === -1 ? url : url.slice(0, query))
      ? handlePublishRequest(event.node.req, event.node.res)
      : nitroHandler(event);
  };
}
