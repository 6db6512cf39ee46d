import type { APIEvent } from "@solidjs/start/server";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** Mark all of the signed-in user's alerts read; every open tab gets the new count. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  return json(200, { unreadCount: runtime.inbox.markAllRead(user.id) });
});
