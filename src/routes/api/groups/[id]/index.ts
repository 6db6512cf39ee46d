import type { APIEvent } from "@solidjs/start/server";
import { GroupIdSchema } from "~/shared/groups";
import { createError } from "~/server/errors";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { requireOwnedGroup } from "~/server/preferences/group-access";
import { getRuntime } from "~/server/runtime";

/** Deletes the group (owner only: 403 for a member, 404 for anyone else). */
export const DELETE = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const id = GroupIdSchema.safeParse(event.params.id);
  if (!id.success) throw createError(404, "not_found", "no such family group");
  await requireOwnedGroup(runtime.groups, user.id, id.data);
  await runtime.groups.remove(user.id, id.data);
  return json(204, null);
});
