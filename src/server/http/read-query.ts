/** Validates a request's query string against a zod schema; 400 naming the bad parameters. */
import type { z } from "zod";
import { createError, zodIssues } from "../errors";

export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw createError(400, "invalid_query", "query string failed validation", { details: zodIssues(parsed.error) });
  return parsed.data;
}
