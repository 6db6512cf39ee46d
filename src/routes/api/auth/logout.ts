import type { APIEvent } from "@solidjs/start/server";
import { apiHandler, json } from "~/server/http/responses";
import { clearedSessionCookie } from "~/server/http/session";

export const POST = apiHandler(async (event: APIEvent) =>
  json(204, null, { "set-cookie": clearedSessionCookie(event.request) }),
);
