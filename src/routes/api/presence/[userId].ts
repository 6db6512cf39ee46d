import type { APIEvent } from "@solidjs/start/server";
import { createError } from "~/server/errors";
import { requirePublishSecret } from "~/server/http/publish-auth";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";
import { UserIdSchema } from "~/shared/alert";

/** Where a user is connected across the cluster, `{userId, total, servers}` (publish secret required). */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requirePublishSecret(event.request, runtime.config.publishSecret);
  const userId = UserIdSchema.safeParse(event.params.userId);
  if (!userId.success) throw createError(400, "invalid_query", "the path must end with a valid user id");
  return json(200, { userId: userId.data, ...(await runtime.presence.connections(userId.data)) });
});
