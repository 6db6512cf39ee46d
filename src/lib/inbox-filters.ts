/**
 * The /alerts filters live in the URL (`?service=darkwatch&unread=true`), so a filtered view
 * survives a reload and can be bookmarked. The query string is user input: unknown values
 * are dropped, never sent on.
 */
import { type Service, ServiceSchema, type Severity, SeveritySchema } from "~/shared/alert";
import type { InboxFilters } from "./inbox-api";

type Query = Partial<Record<string, string | string[]>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * @example filtersFromQuery({ service: "darkwatch", unread: "true", severity: "nope" }) // { service: "darkwatch", unread: true }
 */
export function filtersFromQuery(query: Query): InboxFilters {
  const filters: InboxFilters = {};
  const service = ServiceSchema.safeParse(first(query.service));
  if (service.success) filters.service = service.data;
  const severity = SeveritySchema.safeParse(first(query.severity));
  if (severity.success) filters.severity = severity.data;
  if (first(query.unread) === "true") filters.unread = true;
  if (first(query.archived) === "true") filters.archived = true;
  return filters;
}

/** Search params for `setSearchParams`: unset filters become undefined, which removes them from the URL. */
export function queryFromFilters(filters: InboxFilters): Record<string, string | undefined> {
  return {
    service: filters.service as Service | undefined,
    severity: filters.severity as Severity | undefined,
    unread: filters.unread ? "true" : undefined,
    archived: filters.archived ? "true" : undefined,
  };
}

export function hasNarrowingFilter(filters: InboxFilters): boolean {
  return Boolean(filters.service || filters.severity || filters.unread);
}
