/**
 * Pure list operations behind the inbox feed: where a live alert goes, and how a refetched
 * range is folded into what is on screen. Lists are always newest first (seq descending),
 * the order the API pages in.
 */
import type { Alert } from "~/shared/alert";
import type { InboxItem } from "~/shared/inbox";
import type { InboxFilters } from "./inbox-api";

/** A live alert as an inbox row: just arrived, so unread and not archived. */
export function toInboxItem(alert: Alert): InboxItem {
  return { ...alert, readAt: null, archivedAt: null };
}

/** Whether a just-arrived alert belongs in a list with these filters (the server's rules, applied locally). */
export function matchesFilters(alert: Alert, filters: InboxFilters): boolean {
  if (filters.archived) return false; // nothing arrives archived
  if (filters.service && alert.service !== filters.service) return false;
  if (filters.severity && alert.severity !== filters.severity) return false;
  return true; // a new alert is unread, so "unread only" keeps it
}

/** Whether an item still belongs in the view after its archive state changed. */
export function staysInView(item: InboxItem, filters: InboxFilters): boolean {
  return Boolean(filters.archived) === (item.archivedAt !== null);
}

/**
 * Puts `item` in seq order, or returns the list unchanged when it is already there, or when
 * it is older than the last loaded row while older pages remain (paging will bring it).
 */
export function insertBySeq(items: readonly InboxItem[], item: InboxItem, hasMore: boolean): readonly InboxItem[] {
  if (items.some((existing) => existing.id === item.id)) return items;
  const oldest = items.at(-1);
  if (hasMore && oldest && item.seq < oldest.seq) return items;
  const index = items.findIndex((existing) => existing.seq < item.seq);
  return index === -1 ? [...items, item] : [...items.slice(0, index), item, ...items.slice(index)];
}

/** Appends an older page, skipping ids already listed (a live insert can race a page). */
export function appendPage(items: readonly InboxItem[], page: readonly InboxItem[]): readonly InboxItem[] {
  const known = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !known.has(item.id))];
}

export function replaceItem(items: readonly InboxItem[], next: InboxItem): readonly InboxItem[] {
  const index = items.findIndex((item) => item.id === next.id);
  if (index === -1) return items;
  const copy = [...items];
  copy[index] = next;
  return copy;
}

/** Every row up to seq `upTo` (all of them without it) read at `at`; rows already read keep their time. */
export function markReadUpTo(items: readonly InboxItem[], at: string, upTo = Number.POSITIVE_INFINITY): readonly InboxItem[] {
  if (!items.some((item) => item.readAt === null && item.seq <= upTo)) return items;
  return items.map((item) => (item.readAt === null && item.seq <= upTo ? { ...item, readAt: at } : item));
}

export interface RefetchedRange {
  /** What the server listed now, newest first. */
  items: readonly InboxItem[];
  /** The lowest seq the refetch covered completely (0 when it reached the end of the list). */
  floor: number;
  /** The user's newest seq when the server answered: rows above it arrived after and are kept. */
  ceiling: number;
}

/**
 * Folds a refetch of the loaded range into the rows on screen (read or archived in another tab).
 * Rows inside the range take the server's state; a row the server no longer lists was read
 * (in an unread-only view, where it stays, shown read) or archived elsewhere (it leaves).
 * Rows outside the range, and any the server listed below the last loaded row while older
 * pages remain, are left to paging.
 */
export function mergeRefetched(
  items: readonly InboxItem[],
  fresh: RefetchedRange,
  options: { unreadOnly: boolean; hasMore: boolean; readAt: string },
): readonly InboxItem[] {
  const inRange = (seq: number) => seq >= fresh.floor && seq <= fresh.ceiling;
  const serverById = new Map(fresh.items.map((item) => [item.id, item]));
  const oldestLoaded = items.at(-1)?.seq ?? 0;
  const merged: InboxItem[] = [];
  for (const item of items) {
    if (!inRange(item.seq)) merged.push(item);
    else if (serverById.has(item.id)) merged.push(serverById.get(item.id)!);
    else if (options.unreadOnly) merged.push(item.readAt ? item : { ...item, readAt: options.readAt });
  }
  const listed = new Set(merged.map((item) => item.id));
  for (const item of fresh.items) {
    if (listed.has(item.id)) continue;
    if (options.hasMore && item.seq < oldestLoaded) continue;
    merged.push(item);
  }
  return merged.sort((a, b) => b.seq - a.seq);
}
