/** Where preferences and family groups live: beside the alerts, in the same store. */
import type { Preferences } from "../../shared/preferences";
import type { MaybePromise } from "../maybe-promise";

export interface PreferencesStore {
  /**
   * The user's preferences, or the defaults when they never saved any. `keep: false` marks a
   * one-off read (a socket opening) that a cache answers but does not add to. A cache answers
   * what it holds at once, not as a promise: every alert asks.
   */
  get(userId: string, options?: { keep?: boolean }): MaybePromise<Preferences>;
  set(userId: string, preferences: Preferences): Promise<Preferences>;
}

export interface FamilyGroup {
  id: string;
  name: string;
  ownerId: string;
  /** Includes the owner. */
  members: string[];
  createdAt: string;
}

export interface GroupStore {
  create(ownerId: string, name: string, members: readonly string[]): Promise<FamilyGroup>;
  get(groupId: string): Promise<FamilyGroup | null>;
  /** Groups the user owns or belongs to. */
  listFor(userId: string): Promise<FamilyGroup[]>;
  /** Owner only; null when the group is not theirs. */
  setMembers(ownerId: string, groupId: string, members: readonly string[]): Promise<FamilyGroup | null>;
  remove(ownerId: string, groupId: string): Promise<boolean>;
}
