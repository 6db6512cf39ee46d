import type { APIEvent } from "@solidjs/start/server";
import { GroupIdSchema, SetMembersSchema } from "~/shared/groups";
import { createError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { groupView, requireKnownMembers, requireOwnedGroup } from "~/server/preferences/group-access";
import { getRuntime } from "~/server/runtime";

/** `{ members }` replaces the group's members (the owner always stays). Owner only. */
export const PUT = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const id = GroupIdSchema.safeParse(event.params.id);
  if (!id.success) throw createError(404, "not_found", "no such family group");
  await requireOwnedGroup(runtime.groups, user.id, id.data);
  const { members } = await readJson(event.request, SetMembersSchema, 16 * 1024);
  const others = requireKnownMembers(members, user.id, runtime.users, runtime.config.maxGroupSize);
  const group = await runtime.groups.setMembers(user.id, id.data, others);
  if (!group) throw createError(404, "not_found", "no such family group");
  return json(200, { group: groupView(group, user.id, runtime.users) });
});
