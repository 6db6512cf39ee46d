/**
 * Family groups as the API shows them, and what it accepts to make or change one. Members
 * are given as account ids or account email addresses and shown as account ids; only
 * accounts Beacon knows can be added (the server checks).
 */
import { z } from "zod";
import { UserIdSchema } from "./alert";

export const GroupIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "is not a group id");

export const GROUP_NAME_MAX = 60;

const EmailSchema = z.email();

/** How a member is named when added: an account id, or the email address of an account. */
export const MemberRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .refine((ref) => UserIdSchema.safeParse(ref).success || EmailSchema.safeParse(ref).success, "is neither an account id nor an email address");

export const GroupMembersSchema = z.array(MemberRefSchema).max(100);

export const CreateGroupSchema = z.strictObject({
  name: z.string().trim().min(1, "give the group a name").max(GROUP_NAME_MAX),
  members: GroupMembersSchema.default([]),
});
export type CreateGroup = z.infer<typeof CreateGroupSchema>;

export const SetMembersSchema = z.strictObject({ members: GroupMembersSchema });

export const GroupMemberSchema = z.object({ id: z.string(), name: z.string() });

export const GroupViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  /** Owner first. */
  members: z.array(GroupMemberSchema),
  createdAt: z.string(),
  /** The signed-in user owns it (may change members and delete it). */
  owned: z.boolean(),
});
export type GroupView = z.infer<typeof GroupViewSchema>;
