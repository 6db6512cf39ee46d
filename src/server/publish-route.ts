/**
 * `POST /api/alerts`, the producers' publish API, on Node's request and response directly.
 * It is the hottest HTTP path: the SolidStart API-route layer (a web Request and Response per
 * call, body streams, per-request async context) cost about four times the CPU of the publish
 * itself, measured with `pnpm bench`. In production the fast-path plugin
 * (plugins/publish-fast-path.ts) answers it before Nitro's middleware stack; the vinxi router in
 * app.config.ts serves the same handler wherever that plugin does not run (the dev server).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { eventHandler } from "vinxi/http";
import { createError } from "./errors";
import { sendError, sendJson } from "./http/node-responses";
import { requirePublishSecret } from "./http/publish-auth";
import { readNodeJson } from "./http/read-json";
import { requestIdFrom, withLogContext } from "./observe/log-context";
import { getRuntime } from "./runtime";
import { toAcceptedBody } from "./services/delivery-summary";
import { PublishRequestSchema, publishRequest } from "./services/publish-request";

export const PUBLISH_PATH = "/api/alerts";

/** The publish path and anything under it, which this handler owns (and answers 404 for). */
export function isPublishPath(path: string): boolean {
  return path === PUBLISH_PATH || path.startsWith(`${PUBLISH_PATH}/`);
}

/** Every publish carries a request id (the caller's X-Request-Id, or a new one) in its response and log lines. */
export function handlePublishRequest(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void> {
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  res.setHeader("x-request-id", requestId);
  return withLogContext({ requestId }, () => handlePublish(req, res));
}

async function handlePublish(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void> {
  // A router's base is a prefix: answer only the exact path.
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0];
  try {
    if (path !== PUBLISH_PATH) throw createError(404, "not_found", "no such API route");
    if (req.method !== "POST") {
      throw createError(405, "method_not_allowed", "publish with POST", { headers: { allow: "POST" } });
    }
    const runtime = getRuntime();
    requirePublishSecret(req.headers.authorization, runtime.config.publishSecret);
    const body = await readNodeJson(req, PublishRequestSchema, runtime.config.maxBodyBytes);
    sendJson(res, 202, toAcceptedBody(await publishRequest(runtime.publisher, body, runtime.groups)));
  } catch (error) {
    sendError(res, error, PUBLISH_PATH);
  }
}

export default eventHandler((event) => handlePublishRequest(event.node.req, event.node.res));
