/**
 * The task list's SQL: filters, keyset pagination over a stable sort with an
 * id tie-break (so no task is skipped or repeated across pages), and the
 * first page's counts, fetched in the same round trip.
 */
import { and, asc, desc, eq, getTableColumns, isNull, type SQL, sql } from "drizzle-orm";
import { type TaskRow, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import { encodeCursor } from "./cursor.ts";
import { defaultOrders, type ListTasksQuery, type TaskCountsDto } from "./schemas.ts";

/** Each sort's key expression, and the type to cast a cursor's text key back to. */
const sortKeys = {
  created: { expr: sql`${tasks.createdAt}`, type: sql`timestamptz` },
  updated: { expr: sql`${tasks.updatedAt}`, type: sql`timestamptz` },
  title: { expr: sql`lower(${tasks.title})`, type: sql`text` },
  // Tasks without a due date sort after every dated one.
  due: { expr: sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`, type: sql`timestamptz` },
  priority: {
    expr: sql`(case ${tasks.priority} when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end)`,
    type: sql`int`,
  },
} as const;

/** Escapes LIKE's wildcards so a search for "50%" means exactly that. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters a list and a bulk action share: everything but sort and paging. */
export type TaskFilter = Pick<
  ListTasksQuery,
  "status" | "priority" | "tag" | "q" | "due" | "dueBefore" | "dueAfter" | "tz"
>;

/**
 * The user's live (not deleted) tasks, with every filter except status, which
 * the counts break down instead.
 */
export function filters(userId: string, query: TaskFilter): SQL[] {
  const where: SQL[] = [eq(tasks.userId, userId), isNull(tasks.deletedAt)];
  if (query.priority) where.push(eq(tasks.priority, query.priority));
  if (query.tag) where.push(sql`${tasks.tags} @> array[${query.tag}]::text[]`);
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(sql`(${tasks.title} ilike ${pattern} or ${tasks.description} ilike ${pattern})`);
  }
  // Days are counted in local time, so a day is 23 or 25 hours across a clock change.
  const localDay = (offsetDays: number) =>
    sql`((date_trunc('day', now() at time zone ${query.tz}) + make_interval(days => ${offsetDays}::int)) at time zone ${query.tz})`;
  switch (query.due) {
    case "overdue":
      where.push(sql`${tasks.dueAt} < now() and not ${tasks.completed}`);
      break;
    case "today":
      where.push(sql`${tasks.dueAt} >= ${localDay(0)} and ${tasks.dueAt} < ${localDay(1)}`);
      break;
    case "week":
      where.push(sql`${tasks.dueAt} >= ${localDay(0)} and ${tasks.dueAt} < ${localDay(7)}`);
      break;
    case "none":
      where.push(sql`${tasks.dueAt} is null`);
      break;
    case undefined:
      break;
  }
  if (query.dueBefore) where.push(sql`${tasks.dueAt} < ${query.dueBefore}::timestamptz`);
  if (query.dueAfter) where.push(sql`${tasks.dueAt} >= ${query.dueAfter}::timestamptz`);
  return where;
}

/** The status filter, as a list of conditions (none for "all"). */
export function withStatus(status: TaskFilter["status"]): SQL[] {
  return status === "all" ? [] : [eq(tasks.completed, status === "completed")];
}

/** `{all, pending, completed}` over the tasks `where` selects. */
export function countTasks(db: Database, where: SQL[]) {
  return db
    .select({
      all: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where not ${tasks.completed}))::int`,
      completed: sql<number>`(count(*) filter (where ${tasks.completed}))::int`,
    })
    .from(tasks)
    .where(and(...where));
}

export interface TaskPage {
  rows: TaskRow[];
  nextCursor: string | null;
  counts?: TaskCountsDto;
}

/** One round trip: the page, plus (on the first page) the counts in the same batch. */
export async function listTasks(db: Database, userId: string, query: ListTasksQuery): Promise<TaskPage> {
  const sort = sortKeys[query.sort];
  const order = query.order ?? defaultOrders[query.sort];
  // Decoded, and checked against this sort and order, by ListQuery.
  const { cursor } = query;

  const shared = filters(userId, query);
  const where = [...shared];
  where.push(...withStatus(query.status));
  if (cursor) {
    const after = sql`(${sort.expr}, ${tasks.id}) ${order === "asc" ? sql`>` : sql`<`} (${cursor.key}::${sort.type}, ${cursor.id}::uuid)`;
    where.push(after);
  }
  const direction = order === "asc" ? asc : desc;
  const page = db
    .select({ ...getTableColumns(tasks), sortKey: sql<string>`(${sort.expr})::text`.as("sort_key") })
    .from(tasks)
    .where(and(...where))
    .orderBy(direction(sort.expr), direction(tasks.id))
    .limit(query.limit + 1);

  const counts = countTasks(db, shared);

  const [rows, countRows] = cursor ? [await page, undefined] : await db.batch([page, counts]);

  const hasMore = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  const nextCursor = hasMore && last ? encodeCursor({ sort: query.sort, order, key: last.sortKey, id: last.id }) : null;
  const result: TaskPage = { rows: pageRows.map(({ sortKey: _, ...row }) => row), nextCursor };
  const totals = countRows?.[0];
  if (totals) result.counts = totals;
  return result;
}
