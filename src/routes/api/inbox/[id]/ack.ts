/**
 * POST /api/inbox/:id/ack `{ "channel": "push" | "websocket" }`: the service worker (after it
 * showed a push notification) or a tab says the alert reached the user, which ends its
 * delivery ladder. Session auth (cookie); only the user's own alerts.
 */
import type { APIEvent } from "@solidjs/start/server";
import { AckRequestSchema } from "~/shared/inbox";
import { createError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const id = event.params.id ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw createError(404, "not_found", "no such alert in your inbox");
  const { channel } = await readJson(event.request, AckRequestSchema, 1024);
  const result = await runtime.ladder.hooks.acknowledge(user.id, id, channel);
  if (result === "not_found") throw createError(404, "not_found", "no such alert in your inbox");
  return json(200, { acknowledged: true, first: result === "acknowledged" });
});
