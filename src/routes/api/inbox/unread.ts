import type { APIEvent } from "@solidjs/start/server";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** `{ unreadCount, cursor }`: the count covers the user's alerts up to seq `cursor`. */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  return json(200, await runtime.inbox.unreadState(user.id));
});
