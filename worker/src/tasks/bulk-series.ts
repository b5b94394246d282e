/**
 * Bulk `complete` over repeating tasks (spec 004 FR-011): the bulk UPDATE
 * leaves open repeating tasks alone and its batch reads them (up to
 * MAX_BULK_SERIES); when there are any, a second round trip moves each
 * series on exactly as a single completion would, each row guarded by the
 * version read, and records each completion. A bulk action over one-off
 * tasks only stays one round trip (ADR 0013).
 */
import { and, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import { nextStep } from "./series.ts";

/** At most this many repeating tasks move on per bulk completion; the rest stay open and are not counted. */
export const MAX_BULK_SERIES = 500;

/** The open repeating tasks that `selected` (the bulk filter) matches: what the second round trip needs. */
export function openSeries(db: Database, selected: (SQL | undefined)[]) {
  return db
    .select({
      id: tasks.id,
      version: tasks.version,
      repeat: tasks.repeat,
      timeZone: tasks.timeZone,
      repeatFrom: tasks.repeatFrom,
      dueAt: tasks.dueAt,
      occurrencesDone: tasks.occurrencesDone,
    })
    .from(tasks)
    .where(and(...selected, eq(tasks.completed, false), isNotNull(tasks.repeat)))
    .orderBy(tasks.id)
    .limit(MAX_BULK_SERIES);
}

export type OpenSeries = Awaited<ReturnType<typeof openSeries>>[number];

/**
 * One statement that moves every series in `rows` on (or ends it), each only
 * if its version is still the one read, records the completions, and
 * answers how many moved. `alsoWith` is one more CTE, which may read `changed`.
 */
export function advanceSeries(userId: string, rows: OpenSeries[], completedAt: number, alsoWith?: SQL): SQL {
  const values = rows.map((row) => {
    const step = nextStep(row, completedAt);
    const ended = step.kind === "ended";
    const due = (row.dueAt ?? new Date(completedAt)).toISOString();
    const next = ended ? due : step.nextDueAt.toISOString();
    return sql`(${row.id}::uuid, ${row.version}::int, ${next}::timestamptz, ${ended}::boolean, ${due}::timestamptz)`;
  });
  return sql`with v ("id", "version", "next_due", "ended", "due") as (values ${sql.join(values, sql`, `)}),
changed as (
  update ${tasks} set
    "due_at" = v."next_due",
    "completed" = v."ended",
    "completed_at" = case when v."ended" then coalesce(${tasks.completedAt}, now()) else null end,
    "occurrences_done" = ${tasks.occurrencesDone} + 1,
    "updated_at" = now(),
    "version" = ${tasks.version} + 1
  from v
  where ${tasks.userId} = ${userId} and ${tasks.id} = v."id" and ${tasks.version} = v."version"
    and ${tasks.deletedAt} is null and not ${tasks.completed}
  returning ${tasks.userId} as "user_id", ${tasks.id} as "task_id", v."due", v."ended"
),
recorded as (
  insert into task_completions ("user_id", "task_id", "due_at", "closed_series")
  select "user_id", "task_id", "due", "ended" from changed
)${alsoWith ? sql`, ${alsoWith}` : sql``}
select count(*)::int as "count" from changed`;
}
