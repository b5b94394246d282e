/**
 * What the dashboard shows, as it appears in the page's URL (so reload and
 * the back button keep it) and as the API's list and bulk filters. Used on
 * the server and in the browser alike (spec 003 FR-008, FR-034 to FR-036).
 */
import { SEARCH_MAX } from "#api/client";
import { addDays, instantOf, wallClock } from "./quick-add/zoned-time.ts";

export const filters = [
  { value: "all", label: "All", status: "all" },
  { value: "active", label: "Active", status: "pending" },
  { value: "completed", label: "Completed", status: "completed" },
] as const;
export type Filter = (typeof filters)[number]["value"];

export const sorts = [
  { value: "created", label: "Newest first" },
  { value: "due", label: "Due date" },
  { value: "priority", label: "Priority" },
  { value: "title", label: "Title" },
] as const;
export type Sort = (typeof sorts)[number]["value"];

export const views = [
  { value: "all", label: "All" },
  { value: "today", label: "Today" },
  { value: "upcoming", label: "Upcoming" },
] as const;
export type View = (typeof views)[number]["value"];

export const priorities = [
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
] as const;
export type PriorityFilter = (typeof priorities)[number]["value"];

export const dues = [
  { value: "overdue", label: "Overdue" },
  { value: "today", label: "Due today" },
  { value: "week", label: "Due this week" },
  { value: "none", label: "No due date" },
] as const;
export type Due = (typeof dues)[number]["value"];

export interface ViewQuery {
  view: View;
  filter: Filter;
  q: string;
  sort: Sort;
  priority: PriorityFilter | null;
  /** Lower-cased, as the API stores tags; "" for none. */
  tag: string;
  due: Due | null;
  /** The IANA zone "today" is counted in: not in the URL, the browser's own (or the server's guess). */
  tz: string;
}

export const PAGE_SIZE = 50;

const pick = <V extends string>(list: readonly { value: V }[], value: string | null): V | undefined =>
  list.find((item) => item.value === value)?.value;

/** A tag as the API keeps it (trimmed, spaces collapsed, lower case), cut to 32 characters. */
export function normalTag(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase().slice(0, 32);
}

/** The zone in the `tz` cookie when it is a real IANA zone name, else UTC. */
export function zoneFromCookie(value: string | undefined): string {
  if (!value || !/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(value) || /^(UTC|GMT)?[+-]/.test(value)) return "UTC";
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone === value ? value : "UTC";
  } catch {
    return "UTC";
  }
}

export function readViewQuery(search: URLSearchParams, tz = "UTC"): ViewQuery {
  return {
    view: pick(views, search.get("view")) ?? "all",
    filter: pick(filters, search.get("show")) ?? "all",
    sort: pick(sorts, search.get("sort")) ?? "created",
    q: (search.get("q") ?? "").slice(0, SEARCH_MAX),
    priority: pick(priorities, search.get("priority")) ?? null,
    tag: normalTag(search.get("tag") ?? ""),
    due: pick(dues, search.get("due")) ?? null,
    tz,
  };
}

/** `?view=today&tag=home`, leaving defaults out so plain /tasks stays plain. */
export function viewQuerySearch(query: ViewQuery): string {
  const params = new URLSearchParams();
  if (query.view !== "all") params.set("view", query.view);
  if (query.filter !== "all" && query.view === "all") params.set("show", query.filter);
  if (query.priority) params.set("priority", query.priority);
  if (query.tag) params.set("tag", query.tag);
  if (query.due && query.view === "all") params.set("due", query.due);
  if (query.q.trim()) params.set("q", query.q.trim());
  if (query.sort !== "created" && query.view === "all") params.set("sort", query.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Whether the view's answer depends on the time zone (so a wrong guess must be corrected). */
export function dependsOnZone(query: ViewQuery): boolean {
  return query.view !== "all" || query.due === "today" || query.due === "week";
}

/** Midnight starting the day `days` after today, in the zone, as ISO 8601 UTC. */
export function dayStart(now: number, tz: string, days: number): string {
  const today = wallClock(now, tz).date;
  return new Date(instantOf(addDays(today, days), { hour: 0, minute: 0 }, tz)).toISOString();
}

/**
 * Every filter but status, sort and paging, for the list and bulk actions
 * alike. Today: due before tomorrow (so overdue too). Upcoming: due from
 * tomorrow for 7 days. Both only hold open tasks (see `statusOf`).
 */
export function filterOf(query: ViewQuery, now = Date.now()) {
  const q = query.q.trim();
  return {
    ...(q ? { q } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.view === "all" && query.due ? { due: query.due, tz: query.tz } : {}),
    ...(query.view === "today" ? { dueBefore: dayStart(now, query.tz, 1) } : {}),
    ...(query.view === "upcoming"
      ? { dueAfter: dayStart(now, query.tz, 1), dueBefore: dayStart(now, query.tz, 8) }
      : {}),
  };
}

/** The status a view lists: the Today and Upcoming views hold open tasks only. */
export function statusOf(query: ViewQuery) {
  if (query.view !== "all") return "pending" as const;
  return filters.find((f) => f.value === query.filter)?.status ?? "all";
}

/** The API's list query for a view (strings, as they travel in a URL). */
export function listQuery(query: ViewQuery, cursor?: string, now = Date.now()) {
  return {
    status: statusOf(query),
    // Today lists overdue first; Upcoming groups by day: both go by due date.
    sort: query.view === "all" ? query.sort : ("due" as const),
    limit: String(PAGE_SIZE),
    ...filterOf(query, now),
    ...(cursor ? { cursor } : {}),
  };
}

/** The filter a bulk action applies for a view: its filters, across every status. */
export function bulkFilter(query: ViewQuery, now = Date.now()) {
  return filterOf(query, now);
}

/** The active filters that can be removed one by one, each with the view without it. */
export function activeFilters(query: ViewQuery): { label: string; without: ViewQuery }[] {
  const chips: { label: string; without: ViewQuery }[] = [];
  if (query.priority) {
    const label = priorities.find((p) => p.value === query.priority)?.label ?? query.priority;
    chips.push({ label: `${label} priority`, without: { ...query, priority: null } });
  }
  if (query.tag) chips.push({ label: `#${query.tag}`, without: { ...query, tag: "" } });
  if (query.due && query.view === "all") {
    const label = dues.find((d) => d.value === query.due)?.label ?? query.due;
    chips.push({ label, without: { ...query, due: null } });
  }
  if (query.q.trim()) chips.push({ label: `“${query.q.trim()}”`, without: { ...query, q: "" } });
  return chips;
}
