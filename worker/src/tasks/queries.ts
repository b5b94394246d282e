/**
 * All task SQL but the list's. Every function takes the caller's user id, so
 * scoping by owner is part of each signature, and each costs one round trip:
 * a write that must also tell "changed elsewhere" (412) from "not yours"
 * (404) sends its statements together in one batch, i.e. one transaction.
 */
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { idempotencyKeys, type TaskRow, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { Precondition } from "../http/preconditions.ts";
import { purgeExpired } from "./retention.ts";
import type { CreateTaskInput, ReplaceTaskInput } from "./schemas.ts";

/** A text[] literal built from parameters (drizzle would expand a bare array into a list). */
function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** The caller's task, unless it is deleted: a deleted task is invisible to every route but restore. */
export const owned = (userId: string, id: string) =>
  and(eq(tasks.userId, userId), eq(tasks.id, id), isNull(tasks.deletedAt));

/** `where` for a conditional write: `base` (the row), narrowed to the versions If-Match names. */
export function matchingVersion(base: SQL | undefined, precondition: Precondition): SQL | undefined {
  if (precondition.kind !== "versions") return base;
  // An empty list (only weak or foreign tags) can never match.
  if (precondition.versions.length === 0) return sql`false`;
  return and(base, inArray(tasks.version, precondition.versions));
}

export const matching = (userId: string, id: string, precondition: Precondition) =>
  matchingVersion(owned(userId, id), precondition);

/** What a conditional write found: the changed row, the current row it refused to change, or nothing. */
export type WriteOutcome =
  | { kind: "done"; row: TaskRow }
  | { kind: "conflict"; current: TaskRow }
  | { kind: "missing" };

export function outcome(changed: TaskRow | undefined, current: TaskRow | undefined): WriteOutcome {
  if (changed) return { kind: "done", row: changed };
  if (current) return { kind: "conflict", current };
  return { kind: "missing" };
}

export async function findTask(db: Database, userId: string, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(owned(userId, id));
  return row;
}

function insertValues(userId: string, id: string, input: CreateTaskInput) {
  return {
    id,
    userId,
    title: input.title,
    description: input.description,
    priority: input.priority,
    tags: input.tags,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    repeat: input.repeat,
    timeZone: input.timeZone,
    repeatFrom: input.repeatFrom,
    reminders: input.reminders,
  };
}

export async function createTask(db: Database, userId: string, input: CreateTaskInput): Promise<TaskRow> {
  const [row] = await db
    .insert(tasks)
    .values(insertValues(userId, crypto.randomUUID(), input))
    .returning();
  if (!row) throw new Error("INSERT … RETURNING returned no row");
  return row;
}

export type IdempotentCreate =
  | { kind: "created"; row: TaskRow }
  | { kind: "replay"; requestHash: string; taskId: string; request: unknown; createdAt: Date }
  | { kind: "in-progress" };

/**
 * Claims the key (or finds it), inserts the task only if this request won
 * the claim, then reads the key back: one batch, one transaction. The user's
 * keys older than 24 hours are deleted first, so an old key can be reused.
 */
export async function createTaskIdempotently(
  db: Database,
  userId: string,
  key: string,
  requestHash: string,
  input: CreateTaskInput,
): Promise<IdempotentCreate> {
  const id = crypto.randomUUID();
  const [, , inserted, keys] = await db.batch([
    // Keys are kept for 24 hours: forget this user's older ones as we go.
    db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), sql`${idempotencyKeys.createdAt} < now() - interval '24 hours'`)),
    db
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash, taskId: id, request: input })
      // A live key stays as it is; an expired one was deleted just above.
      .onConflictDoNothing(),
    db
      .insert(tasks)
      .select(
        db
          .select({
            id: sql`${id}::uuid`.as("id"),
            userId: sql`${userId}`.as("user_id"),
            title: sql`${input.title}`.as("title"),
            description: sql`${input.description}`.as("description"),
            completed: sql`false`.as("completed"),
            completedAt: sql`null::timestamptz`.as("completed_at"),
            priority: sql`${input.priority}`.as("priority"),
            tags: textArray(input.tags).as("tags"),
            dueAt: sql`${input.dueAt}::timestamptz`.as("due_at"),
            createdAt: sql`now()`.as("created_at"),
            updatedAt: sql`now()`.as("updated_at"),
            version: sql`1`.as("version"),
            deletedAt: sql`null::timestamptz`.as("deleted_at"),
            deletionId: sql`null::uuid`.as("deletion_id"),
            repeat: sql`${input.repeat}::text`.as("repeat"),
            timeZone: sql`${input.timeZone}::text`.as("time_zone"),
            repeatFrom: sql`${input.repeatFrom}`.as("repeat_from"),
            reminders: sql`${JSON.stringify(input.reminders)}::jsonb`.as("reminders"),
            occurrencesDone: sql`0`.as("occurrences_done"),
          })
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.taskId, id))),
      )
      .returning(),
    db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))),
  ]);
  const row = inserted[0];
  if (row) return { kind: "created", row };
  const claim = keys[0];
  if (!claim) return { kind: "in-progress" };
  return {
    kind: "replay",
    requestHash: claim.requestHash,
    taskId: claim.taskId,
    request: claim.request,
    createdAt: claim.createdAt,
  };
}

export async function replaceTask(
  db: Database,
  userId: string,
  id: string,
  input: ReplaceTaskInput,
  precondition: Precondition,
): Promise<WriteOutcome> {
  const [changed, current] = await db.batch([
    db
      .update(tasks)
      .set({
        title: input.title,
        description: input.description,
        priority: input.priority,
        tags: input.tags,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        completed: input.completed,
        completedAt: input.completed ? sql`coalesce(${tasks.completedAt}, now())` : null,
        repeat: input.repeat,
        timeZone: input.timeZone,
        repeatFrom: input.repeatFrom,
        reminders: input.reminders,
        // COUNT's progress belongs to the rule: a new rule starts a new series.
        occurrencesDone: sql`case when ${tasks.repeat} is distinct from ${input.repeat}::text then 0 else ${tasks.occurrencesDone} end`,
        updatedAt: sql`now()`,
        version: sql`${tasks.version} + 1`,
      })
      // A PUT that completes an open task with a rule moves its series on instead (./completion.ts).
      .where(and(matching(userId, id, precondition), completesSeries(input)))
      .returning(),
    db.select().from(tasks).where(owned(userId, id)),
  ]);
  return outcome(changed[0], current[0]);
}

/** For a PUT with `completed: true` and a `repeat`: only an already completed row is replaced in one round trip. */
function completesSeries(input: ReplaceTaskInput): SQL | undefined {
  return input.completed && input.repeat !== null ? eq(tasks.completed, true) : undefined;
}

/**
 * Sets `completed` (or toggles it when `completed` is undefined). Setting the
 * value a task already has changes nothing, not even its version.
 */
export async function setCompletion(
  db: Database,
  userId: string,
  id: string,
  completed: boolean | undefined,
  precondition: Precondition,
): Promise<WriteOutcome> {
  const next = completed === undefined ? sql`not ${tasks.completed}` : sql`${completed}::boolean`;
  const changes = sql`${tasks.completed} is distinct from ${next}`;
  // Completing an open repeating task moves its series on instead, in a second round trip
  // (./completion.ts, ADR 0013): this statement leaves such a row alone, and reads it.
  const completesSeries = sql`${tasks.repeat} is not null and not ${tasks.completed} and ${next}`;
  const [changed, current] = await db.batch([
    db
      .update(tasks)
      .set({
        completed: sql`${next}`,
        completedAt: sql`case when ${next} then coalesce(${tasks.completedAt}, now()) else null end`,
        updatedAt: sql`case when ${changes} then now() else ${tasks.updatedAt} end`,
        version: sql`${tasks.version} + (case when ${changes} then 1 else 0 end)`,
      })
      .where(and(matching(userId, id, precondition), sql`not (${completesSeries})`))
      .returning(),
    db.select().from(tasks).where(owned(userId, id)),
  ]);
  return outcome(changed[0], current[0]);
}

/**
 * Deletes a task durably at once, as a soft delete: the row stays, unseen,
 * for the restore window, with its version unchanged (so its ETag still
 * names it after a restore). Expired deletions are purged in the same batch.
 */
export async function deleteTask(
  db: Database,
  userId: string,
  id: string,
  precondition: Precondition,
): Promise<WriteOutcome> {
  const [deleted, current] = await db.batch([
    db
      .update(tasks)
      .set({ deletedAt: sql`now()`, deletionId: null })
      .where(matching(userId, id, precondition))
      .returning(),
    db.select().from(tasks).where(owned(userId, id)),
    purgeExpired(db, userId),
  ]);
  return outcome(deleted[0], current[0]);
}
