import { createError } from "~/server/errors";
import { apiHandler, json } from "~/server/http/responses";
import { getRuntime } from "~/server/runtime";

/**
 * The VAPID public key browsers subscribe with (`applicationServerKey`). Public by nature, so
 * no session needed; 404 `feature_disabled` tells the settings page push is off on this server.
 */
export const GET = apiHandler(async () => {
  const { push } = getRuntime();
  if (!push.enabled || !push.publicKey) {
    throw createError(404, "feature_disabled", "Web Push is not configured on this server (VAPID keys are not set)");
  }
  return json(200, { publicKey: push.publicKey });
});
