/**
 * The SQL of repeating tasks' completions (spec 004 FR-008): the second round
 * trip that moves a series on and records the completion, the history, and
 * Undo. The second round trip is the one exception to one round trip per
 * request (ADR 0013): the next due date is computed in the Worker from the
 * row it read, so the write is guarded by that row's version, and a write
 * that raced another one changes nothing and is answered 412.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { type TaskRow, taskCompletions, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { Precondition } from "../http/preconditions.ts";
import { MAX_COMPLETIONS_PER_TASK } from "./bounds.ts";
import { matching, outcome, owned, type WriteOutcome } from "./queries.ts";
import type { SeriesStep } from "./series.ts";

/** Rows of a raw statement run in a batch. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Column values a PUT writes along with the step (its editable fields but `dueAt` and `completed`). */
export type ReplacedFields = Partial<
  Pick<TaskRow, "title" | "description" | "priority" | "tags" | "repeat" | "timeZone" | "repeatFrom" | "reminders">
>;

export interface OccurrenceCompletion {
  /** The version read in the first round trip: the write applies only to that row. */
  readVersion: number;
  step: SeriesStep;
  /** The due date of the occurrence being completed, recorded for the history and Undo. */
  occurrenceDueAt: Date;
  /** The series' progress before this completion (COUNT). */
  occurrencesBefore: number;
  /** What a PUT changes besides: its other fields. */
  replaced?: ReplacedFields;
}

/** The UPDATE that applies `completion` to the row at its read version, returning what the record needs. */
function advance(db: Database, userId: string, id: string, completion: OccurrenceCompletion) {
  const { step } = completion;
  const ended = step.kind === "ended";
  return db
    .update(tasks)
    .set({
      ...completion.replaced,
      dueAt: ended ? completion.occurrenceDueAt : step.nextDueAt,
      completed: ended,
      completedAt: ended ? sql`coalesce(${tasks.completedAt}, now())` : null,
      occurrencesDone: completion.occurrencesBefore + 1,
      updatedAt: sql`now()`,
      version: sql`${tasks.version} + 1`,
    })
    .where(and(owned(userId, id), eq(tasks.version, completion.readVersion)))
    .returning({ id: tasks.id, userId: tasks.userId });
}

/**
 * The second round trip of a repeating task's completion: moves the series
 * on (or ends it) and records the completion, in one statement, then reads
 * the task. Zero rows changed means the task changed since it was read: 412.
 */
export async function completeOccurrence(
  db: Database,
  userId: string,
  id: string,
  completion: OccurrenceCompletion,
): Promise<WriteOutcome> {
  const update = advance(db, userId, id, completion);
  const due = completion.occurrenceDueAt.toISOString();
  const closed = completion.step.kind === "ended";
  const [recorded, current] = await db.batch([
    db.execute(
      sql`with changed as (${update.getSQL()}) insert into ${taskCompletions} ("user_id", "task_id", "due_at", "closed_series") select "user_id", "id", ${due}::timestamptz, ${closed} from changed returning "id"`,
    ),
    db.select().from(tasks).where(owned(userId, id)),
  ]);
  return rowsOf(recorded).length > 0 && current[0] ? { kind: "done", row: current[0] } : outcome(undefined, current[0]);
}

export interface CompletionRecord {
  completedAt: Date;
  dueAt: Date;
}

/** The task's completions, newest first, or undefined when the task is not the caller's. */
export async function listCompletions(
  db: Database,
  userId: string,
  id: string,
): Promise<CompletionRecord[] | undefined> {
  const [found, records] = await db.batch([
    db.select({ id: tasks.id }).from(tasks).where(owned(userId, id)),
    db
      .select({ completedAt: taskCompletions.completedAt, dueAt: taskCompletions.dueAt })
      .from(taskCompletions)
      .where(and(eq(taskCompletions.userId, userId), eq(taskCompletions.taskId, id)))
      .orderBy(desc(taskCompletions.completedAt), desc(taskCompletions.id))
      .limit(MAX_COMPLETIONS_PER_TASK),
  ]);
  return found.length > 0 ? records : undefined;
}

export type UndoOutcome = WriteOutcome | { kind: "no-completion" };

/**
 * Undoes the latest completion in one statement: the task goes back to the
 * due date that completion recorded, its COUNT progress down by one, reopened
 * if that completion had ended the series, version plus one; the record goes.
 */
export async function undoLatestCompletion(
  db: Database,
  userId: string,
  id: string,
  precondition: Precondition,
): Promise<UndoOutcome> {
  const [undone, current] = await db.batch([
    db.execute(sql`with latest as (
  select "id", "due_at", "closed_series" from ${taskCompletions}
  where "user_id" = ${userId} and "task_id" = ${id}
  order by "completed_at" desc, "id" desc limit 1
), changed as (
  update ${tasks} set
    "due_at" = latest."due_at",
    "occurrences_done" = greatest(${tasks.occurrencesDone} - 1, 0),
    "completed" = case when latest."closed_series" then false else ${tasks.completed} end,
    "completed_at" = case when latest."closed_series" then null else ${tasks.completedAt} end,
    "updated_at" = now(),
    "version" = ${tasks.version} + 1
  from latest where ${matching(userId, id, precondition)}
  returning ${tasks.id}
), removed as (
  delete from ${taskCompletions} where "id" in (select latest."id" from latest where exists (select 1 from changed))
  returning "id"
)
select (select count(*) from changed)::int as "changed", (select count(*) from latest)::int as "recorded"`),
    db.select().from(tasks).where(owned(userId, id)),
  ]);
  const [counts] = rowsOf<{ changed: number; recorded: number }>(undone);
  const row = current[0];
  if (row && counts?.changed === 1) return { kind: "done", row };
  if (row && counts?.recorded === 0) return { kind: "no-completion" };
  return outcome(undefined, row);
}
