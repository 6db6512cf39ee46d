import type { APIEvent } from "@solidjs/start/server";
import { z } from "zod";
import { AlertInputSchema, UserIdSchema } from "~/shared/alert";
import { requirePublishSecret } from "~/server/http/publish-auth";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";
import { toAcceptedBody } from "~/server/services/delivery-summary";

/** Exactly one of userId (one user) or userIds (a family group), plus the alert fields. */
const PublishSchema = AlertInputSchema.extend({
  userId: UserIdSchema.optional(),
  userIds: z.array(UserIdSchema).min(1).optional(),
})
  .strict()
  .refine((body) => (body.userId === undefined) !== (body.userIds === undefined), {
    message: "give exactly one of userId or userIds",
    path: ["userId"],
  });

/** The generic publish API for producers: `Authorization: Bearer <PUBLISH_SECRET>`. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  requirePublishSecret(event.request, runtime.config.publishSecret);
  const body = await readJson(event.request, PublishSchema, runtime.config.maxBodyBytes);
  const { userId, userIds, ...alert } = body;
  const reports = userIds
    ? await runtime.publisher.publishToGroup(userIds, alert)
    : [await runtime.publisher.publishAlert(userId!, alert)];
  return json(202, toAcceptedBody(reports));
});
