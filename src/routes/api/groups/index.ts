import type { APIEvent } from "@solidjs/start/server";
import { CreateGroupSchema } from "~/shared/groups";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { groupView, requireKnownMembers } from "~/server/preferences/group-access";
import { getRuntime } from "~/server/runtime";

/** The family groups the signed-in user owns or belongs to. */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const groups = await runtime.groups.listFor(user.id);
  return json(200, { groups: groups.map((group) => groupView(group, user.id, runtime.users)) });
});

/** `{ name, members? }`: a new group owned by the signed-in user, who is always a member. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const body = await readJson(event.request, CreateGroupSchema, 16 * 1024);
  const members = requireKnownMembers(body.members, user.id, runtime.users, runtime.config.maxGroupSize);
  const group = await runtime.groups.create(user.id, body.name, members);
  return json(201, { group: groupView(group, user.id, runtime.users) });
});
