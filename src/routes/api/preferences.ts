import type { APIEvent } from "@solidjs/start/server";
import { PreferencesSchema } from "~/shared/preferences";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** The signed-in user's delivery preferences (the defaults until they save any). */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  return json(200, { preferences: await runtime.preferences.get(user.id) });
});

/** Replaces them whole; a 400 names each field that failed (e.g. `quietHours.timeZone`). */
export const PUT = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const preferences = await readJson(event.request, PreferencesSchema, 8 * 1024);
  return json(200, { preferences: await runtime.preferences.set(user.id, preferences) });
});
