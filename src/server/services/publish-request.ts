/**
 * The body of `POST /api/alerts`: the alert fields plus exactly one recipient: `userId` (one
 * user), `userIds` (a list) or `groupId` (a stored family group, resolved to its members here).
 */
import { z } from "zod";
import { AlertInputSchema, UserIdSchema } from "../../shared/alert";
import { GroupIdSchema } from "../../shared/groups";
import { createError } from "../errors";
import type { GroupStore } from "../preferences/types";
import type { AlertPublisher, DeliveryReport } from "./alert.publisher";

export const PublishRequestSchema = AlertInputSchema.extend({
  userId: UserIdSchema.optional(),
  userIds: z.array(UserIdSchema).min(1).optional(),
  groupId: GroupIdSchema.optional(),
})
  .strict()
  .refine((body) => [body.userId, body.userIds, body.groupId].filter((value) => value !== undefined).length === 1, {
    message: "give exactly one of userId, userIds or groupId",
    path: ["userId"],
  });
export type PublishRequest = z.infer<typeof PublishRequestSchema>;

export async function publishRequest(
  publisher: AlertPublisher,
  body: PublishRequest,
  groups: Pick<GroupStore, "get">,
): Promise<DeliveryReport[]> {
  const { userId, userIds, groupId, ...alert } = body;
  if (groupId !== undefined) {
    const group = await groups.get(groupId);
    if (!group) throw createError(404, "not_found", "no such family group", { details: [{ path: "groupId", message: "no group with this id" }] });
    // Each member gets their own alert, through their own preferences and ladder.
    return publisher.publishToGroup(group.members, alert);
  }
  return userIds ? publisher.publishToGroup(userIds, alert) : [await publisher.publishAlert(userId!, alert)];
}
