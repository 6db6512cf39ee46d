import type { APIEvent } from "@solidjs/start/server";
import { createError } from "~/server/errors";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";
import type { AdminSnapshot } from "~/shared/admin";

/** The operators' dashboard's first paint: the cluster's figures and recent events. Admins only (401 signed out, 403 others). */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const session = await requireSession(event.request, runtime);
  if (session.claims.role !== "admin") throw createError(403, "forbidden", "the operators' dashboard is for admins");
  const { adminFeed } = runtime.observers;
  const snapshot: AdminSnapshot = {
    serverId: runtime.config.serverId,
    stats: adminFeed.clusterStats(),
    events: adminFeed.recentEvents(),
  };
  return json(200, snapshot);
});
