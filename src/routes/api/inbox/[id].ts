import type { APIEvent } from "@solidjs/start/server";
import { InboxChangeSchema } from "~/shared/inbox";
import { createError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** Alert ids are ours (ULID-like); anything else cannot be one, so it is refused before the store. */
function alertId(event: APIEvent): string {
  const id = event.params.id ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw createError(404, "not_found", "no such alert in your inbox");
  return id;
}

/** One alert with its full description, image and delivery record. */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  return json(200, { item: await runtime.inbox.get(user.id, alertId(event)) });
});

/** `{ read?: boolean, archived?: boolean }`; answers with the alert and the new unread state. */
export const PATCH = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const id = alertId(event);
  const change = await readJson(event.request, InboxChangeSchema, 1024);
  return json(200, await runtime.inbox.update(user.id, id, change));
});
