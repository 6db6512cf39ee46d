/**
 * `POST /api/alerts`, the producers' publish API, as its own vinxi http router (see
 * app.config.ts) instead of a SolidStart API route. It is the hottest HTTP path, and the
 * SolidStart route layer (a web Request and Response per call, body streams, per-request
 * async context) cost about four times the CPU of the publish itself: measured with
 * `pnpm bench`, it capped the server near 1,500 alerts/s. Here it reads Node's request
 * and writes Node's response directly, with the same validation and errors.
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

export default eventHandler((event) => {
  const { req, res } = event.node;
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  res.setHeader("x-request-id", requestId);
  return withLogContext({ requestId }, () => handlePublish(req, res));
});

async function handlePublish(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void> {
  // The router's base is a prefix: answer only the exact path.
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0];
  try {
    if (path !== PUBLISH_PATH) throw createError(404, "not_found", "no such API route");
    if (req.method !== "POST") {
      throw createError(405, "method_not_allowed", "publish with POST", { headers: { allow: "POST" } });
    }
    const runtime = getRuntime();
    requirePublishSecret(req.headers.authorization, runtime.config.publishSecret);
    const body = await readNodeJson(req, PublishRequestSchema, runtime.config.maxBodyBytes);
    sendJson(res, 202, toAcceptedBody(await publishRequest(runtime.publisher, body)));
  } catch (error) {
    sendError(res, error, PUBLISH_PATH);
  }
}
