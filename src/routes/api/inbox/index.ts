import type { APIEvent } from "@solidjs/start/server";
import { InboxQuerySchema } from "~/shared/inbox";
import { readQuery } from "~/server/http/read-query";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/**
 * The signed-in user's alerts, newest first: `?before=<seq>&limit=&service=&severity=&unread=true&archived=true`.
 * Pass the answer's `nextBefore` as `before` for the next page.
 */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const query = readQuery(event.request, InboxQuerySchema);
  return json(200, await runtime.inbox.list(user.id, query));
});
