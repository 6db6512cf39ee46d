import type { APIEvent } from "@solidjs/start/server";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

/** Who is signed in. The browser client also asks this after a failed socket connect to tell "signed out" from "offline". */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user, claims } = await requireSession(event.request, runtime);
  return json(200, {
    user,
    expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
    features: { simulator: runtime.config.simulatorEnabled },
  });
});
