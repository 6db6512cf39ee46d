import type { APIEvent } from "@solidjs/start/server";
import { z } from "zod";
import { signSessionToken } from "~/server/auth/token";
import { createError } from "~/server/errors";
import { readJson } from "~/server/http/read-json";
import { apiHandler, json } from "~/server/http/responses";
import { sessionCookie } from "~/server/http/session";
import { getRuntime } from "~/server/runtime";

const LoginSchema = z.strictObject({
  email: z.string().trim().max(254),
  password: z.string().min(1).max(200),
});

export const POST = apiHandler(async (event: APIEvent) => {
  const runtime = getRuntime();
  const { email, password } = await readJson(event.request, LoginSchema, 4096);
  // Limit per address and per account, so neither spraying one account nor one address works.
  const retryAfter = Math.max(
    runtime.loginLimiter.hit(`address:${event.clientAddress ?? "unknown"}`),
    runtime.loginLimiter.hit(`email:${email.toLowerCase()}`),
  );
  if (retryAfter > 0) {
    throw createError(429, "rate_limited", "too many sign-in attempts; try again shortly", {
      headers: { "retry-after": String(retryAfter) },
    });
  }
  const user = runtime.users.verifyPassword(email, password);
  if (!user) throw createError(401, "invalid_credentials", "email or password is wrong");

  const token = await signSessionToken(runtime.config.authSecret, { userId: user.id, role: user.role }, runtime.config.sessionTtlSeconds);
  return json(200, { user }, { "set-cookie": sessionCookie(event.request, token, runtime.config.sessionTtlSeconds) });
});
