/**
 * The settings page's calls: GET/PUT /api/preferences and the family-group routes. Answers
 * are checked against the shared schemas; failures become `SettingsApiError` whose message
 * is ours (ready to show) and which carries the server's field issues for a 400.
 */
import { z } from "zod";
import { type GroupView, GroupViewSchema } from "~/shared/groups";
import { type Preferences, PreferencesSchema } from "~/shared/preferences";
import { callApi, UNREACHABLE_MESSAGE } from "./post-json";

export interface FieldIssue {
  path: string;
  message: string;
}

export class SettingsApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached or answered something unreadable. */
    readonly status: number,
    readonly code: string,
    /** For a 400: which fields the server refused and why. */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "SettingsApiError";
  }
}

const MESSAGES: Record<string, string> = {
  unauthorized: "Your session has ended. Sign in again to change your settings.",
  forbidden: "Only the group's owner can change it.",
  not_found: "That group no longer exists, or you are no longer in it.",
  invalid_body: "Some values were not accepted. Check the highlighted fields.",
  store_unavailable: "Your settings are temporarily unavailable. Try again in a moment.",
  rate_limited: "Too many requests. Wait a moment, then try again.",
  network: UNREACHABLE_MESSAGE,
  invalid_response: "Beacon answered in a way this page does not understand. Reload the page.",
};
const GENERIC_MESSAGE = "Something went wrong. Try again in a moment.";

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});

async function request<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
  const response = await callApi(path, init);
  if (!response) throw new SettingsApiError(MESSAGES.network!, 0, "network");
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => null));
    const code = response.status === 401 ? "unauthorized" : parsed.success ? parsed.data.error.code : `http_${response.status}`;
    throw new SettingsApiError(MESSAGES[code] ?? GENERIC_MESSAGE, response.status, code, parsed.success ? (parsed.data.error.details ?? []) : []);
  }
  if (response.status === 204) return undefined as T;
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SettingsApiError(MESSAGES.invalid_response!, 0, "invalid_response");
  return parsed.data;
}

export function toSettingsApiError(error: unknown): SettingsApiError {
  return error instanceof SettingsApiError ? error : new SettingsApiError(GENERIC_MESSAGE, 0, "unknown");
}

export async function fetchPreferences(): Promise<Preferences> {
  return (await request(z.object({ preferences: PreferencesSchema }), "/api/preferences")).preferences;
}

export async function savePreferences(preferences: Preferences): Promise<Preferences> {
  const body = JSON.stringify(preferences);
  return (await request(z.object({ preferences: PreferencesSchema }), "/api/preferences", { method: "PUT", body })).preferences;
}

export async function fetchGroups(): Promise<GroupView[]> {
  return (await request(z.object({ groups: z.array(GroupViewSchema) }), "/api/groups")).groups;
}

export async function createGroup(name: string, members: string[] = []): Promise<GroupView> {
  const body = JSON.stringify({ name, members });
  return (await request(z.object({ group: GroupViewSchema }), "/api/groups", { method: "POST", body })).group;
}

/** Replaces the group's members (owner only); the owner always stays in. */
export async function setGroupMembers(groupId: string, members: string[]): Promise<GroupView> {
  const body = JSON.stringify({ members });
  return (await request(z.object({ group: GroupViewSchema }), `/api/groups/${encodeURIComponent(groupId)}/members`, { method: "PUT", body })).group;
}

export async function deleteGroup(groupId: string): Promise<void> {
  await request(z.unknown(), `/api/groups/${encodeURIComponent(groupId)}`, { method: "DELETE" });
}
