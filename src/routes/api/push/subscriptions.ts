import type { APIEvent } from "@solidjs/start/server";
import type { PushSubscriptionRecord } from "~/server/channels/providers";
import { deviceLabel } from "~/server/channels/device-label";
import { checkPushEndpoint } from "~/server/channels/push-endpoint-policy";
import { createError } from "~/server/errors";
import { fromStore } from "~/server/http/from-store";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { requireSession } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";
import { type PushDevice, PushSubscriptionInputSchema, PushUnsubscribeSchema } from "~/shared/push";

/** A subscription is well under 1 KB; anything near this is not one. */
const MAX_BODY_BYTES = 4096;
/** Browsers and devices per user: plenty for real people, a bound on what one account can make us send. */
const MAX_PUSH_DEVICES = 20;

function device(record: PushSubscriptionRecord): PushDevice {
  return { id: record.id, endpoint: record.endpoint, device: record.device, createdAt: record.createdAt };
}

/** The signed-in user's push devices, oldest first. */
export const GET = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const subscriptions = await fromStore(() => runtime.pushSubscriptions.list(user.id));
  return json(200, { subscriptions: subscriptions.map(device) });
});

/** Stores this browser's PushSubscription (its `toJSON()`) for the signed-in user; the same endpoint again refreshes it. */
export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  if (!runtime.push.enabled) throw createError(404, "feature_disabled", "Web Push is not configured on this server (VAPID keys are not set)");
  const input = await readJson(event.request, PushSubscriptionInputSchema, MAX_BODY_BYTES);
  const endpoint = checkPushEndpoint(input.endpoint, runtime.config.pushEndpoints);
  if (!endpoint.ok) throw createError(400, "invalid_body", "body failed validation", { details: [{ path: "endpoint", message: endpoint.reason }] });
  const existing = await fromStore(() => runtime.pushSubscriptions.list(user.id));
  if (existing.length >= MAX_PUSH_DEVICES && !existing.some((s) => s.endpoint === input.endpoint)) {
    throw createError(409, "limit_reached", `at most ${MAX_PUSH_DEVICES} devices can receive push; turn push off on one first`);
  }
  const saved = await fromStore(() =>
    runtime.pushSubscriptions.save(user.id, {
      endpoint: input.endpoint,
      keys: input.keys,
      device: input.device ?? deviceLabel(event.request.headers.get("user-agent")),
    }),
  );
  return json(201, { subscription: device(saved) });
});

/** `{ endpoint }`: turns push off for that device of the signed-in user (204), 404 when it is not theirs. */
export const DELETE = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { user } = await requireSession(event.request, runtime);
  const { endpoint } = await readJson(event.request, PushUnsubscribeSchema, MAX_BODY_BYTES);
  const removed = await fromStore(() => runtime.pushSubscriptions.remove(user.id, endpoint));
  if (!removed) throw createError(404, "not_found", "no push subscription with that endpoint on your account");
  return json(204, null);
});
