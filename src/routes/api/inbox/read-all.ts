import type { APIEvent } from "@solidjs/start/server";
import { ReadAllSchema } from "~/shared/inbox";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** Marks the user's unread alerts read (up to seq `upTo` when given); every open tab gets the new count. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const { upTo } = await readJson(event.request, ReadAllSchema, 1024);
  return json(200, await runtime.inbox.markAllRead(user.id, upTo));
});
