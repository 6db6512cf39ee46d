/** The body of `POST /api/alerts`: the alert fields plus exactly one of userId (one user) or userIds (a family group). */
import { z } from "zod";
import { AlertInputSchema, UserIdSchema } from "../../shared/alert";
import type { AlertPublisher, DeliveryReport } from "./alert.publisher";

export const PublishRequestSchema = AlertInputSchema.extend({
  userId: UserIdSchema.optional(),
  userIds: z.array(UserIdSchema).min(1).optional(),
})
  .strict()
  .refine((body) => (body.userId === undefined) !== (body.userIds === undefined), {
    message: "give exactly one of userId or userIds",
    path: ["userId"],
  });
export type PublishRequest = z.infer<typeof PublishRequestSchema>;

export async function publishRequest(publisher: AlertPublisher, body: PublishRequest): Promise<DeliveryReport[]> {
  const { userId, userIds, ...alert } = body;
  return userIds ? publisher.publishToGroup(userIds, alert) : [await publisher.publishAlert(userId!, alert)];
}
