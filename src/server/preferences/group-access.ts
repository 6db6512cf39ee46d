/**
 * Who may see and change a family group, and the view of it the API answers with. A group
 * the user is not in answers 404 like a missing one (its id reveals nothing); a member who
 * is not the owner may see it but not change it (403).
 */
import type { GroupView } from "../../shared/groups";
import type { UserDirectory } from "../auth/users";
import { createError } from "../errors";
import type { FamilyGroup, GroupStore } from "./types";

export function groupView(group: FamilyGroup, viewerId: string, users: Pick<UserDirectory, "findById">): GroupView {
  return {
    id: group.id,
    name: group.name,
    ownerId: group.ownerId,
    members: group.members.map((id) => ({ id, name: users.findById(id)?.name ?? id })),
    createdAt: group.createdAt,
    owned: group.ownerId === viewerId,
  };
}

/**
 * The account ids of the members as sent, each an account id or the email address of an
 * account (people know each other's email, not their account id). Only accounts Beacon knows
 * can be added: a typo must not create a member nobody is. 400 names each unknown one by its
 * index in the list as sent (the owner may be in it; it is skipped).
 */
export function requireKnownMembers(
  members: readonly string[],
  ownerId: string,
  users: Pick<UserDirectory, "findById" | "findByEmail">,
  maxSize: number,
): string[] {
  const ids = members.map((entry) => (entry === ownerId ? entry : accountOf(entry, users)?.id));
  const unknown = ids.flatMap((id, index) => (id ? [] : [{ path: `members.${index}`, message: "no account with this id or email" }]));
  if (unknown.length > 0) throw createError(400, "invalid_body", "only existing accounts can be added to a group", { details: unknown });
  const others = [...new Set(ids as string[])].filter((id) => id !== ownerId);
  if (others.length + 1 > maxSize) {
    throw createError(400, "invalid_body", `a group has at most ${maxSize} members`, {
      details: [{ path: "members", message: `at most ${maxSize} members, owner included` }],
    });
  }
  return others;
}

/** An id is tried first: account ids may contain "@" too. */
function accountOf(entry: string, users: Pick<UserDirectory, "findById" | "findByEmail">) {
  return users.findById(entry) ?? (entry.includes("@") ? users.findByEmail(entry) : undefined);
}

/** The group when `userId` owns it; 404 when they cannot see it, 403 when they are only a member. */
export async function requireOwnedGroup(groups: GroupStore, userId: string, groupId: string): Promise<FamilyGroup> {
  const group = await groups.get(groupId);
  if (!group || !group.members.includes(userId)) throw createError(404, "not_found", "no such family group");
  if (group.ownerId !== userId) throw createError(403, "forbidden", "only the group's owner can change it");
  return group;
}
