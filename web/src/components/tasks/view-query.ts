/**
 * What the dashboard shows, as it appears in the page's URL (so reload and
 * the back button keep it) and as the API's list query.
 */

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

export interface ViewQuery {
  filter: Filter;
  q: string;
  sort: Sort;
}

export const PAGE_SIZE = 50;

export function readViewQuery(search: URLSearchParams): ViewQuery {
  const filter = filters.find((f) => f.value === search.get("show"))?.value ?? "all";
  const sort = sorts.find((s) => s.value === search.get("sort"))?.value ?? "created";
  return { filter, sort, q: (search.get("q") ?? "").slice(0, 200) };
}

/** `?show=active&q=milk`, leaving defaults out so plain /tasks stays plain. */
export function viewQuerySearch(query: ViewQuery): string {
  const params = new URLSearchParams();
  if (query.filter !== "all") params.set("show", query.filter);
  if (query.q.trim()) params.set("q", query.q.trim());
  if (query.sort !== "created") params.set("sort", query.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API's list query for a view (strings, as they travel in a URL). */
export function listQuery(query: ViewQuery, cursor?: string) {
  const status = filters.find((f) => f.value === query.filter)?.status ?? "all";
  return {
    status,
    sort: query.sort,
    limit: String(PAGE_SIZE),
    ...(query.q.trim() ? { q: query.q.trim() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The filter a bulk action applies for a view: its search, across every status. */
export function bulkFilter(query: ViewQuery): { q?: string } {
  return query.q.trim() ? { q: query.q.trim() } : {};
}
