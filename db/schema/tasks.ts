/**
 * Tasks, owned by a Better Auth user. Every query is scoped by `user_id`;
 * timestamps come from the database, and `version` backs the API's ETags.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./user.ts";
import { repeatFroms, taskPriorities } from "./values.ts";

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").notNull().default(false),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    priority: text("priority", { enum: taskPriorities }).notNull().default("none"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /**
     * Set when the task is deleted: every read and count skips such rows, and
     * the task can be restored (same id, fields and version) until the restore
     * window ends; the rows are purged afterwards (see worker/src/tasks/retention.ts).
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** The bulk deletion that removed the task, so Undo can restore the whole batch. */
    deletionId: uuid("deletion_id"),
    /** An RFC 5545 RRULE value (issue 15, spec 004), as the client wrote it; null for a one-off task. */
    repeat: text("repeat"),
    /** The IANA zone whose wall-clock time a repeating task keeps. */
    timeZone: text("time_zone"),
    repeatFrom: text("repeat_from", { enum: repeatFroms }).notNull().default("due"),
    /** At most five `{ before }` ISO 8601 leads, relative to `due_at`. */
    reminders: jsonb("reminders").$type<{ before: string }[]>().notNull().default(sql`'[]'::jsonb`),
    /** How many occurrences of the current series were completed, for COUNT; reset when `repeat` changes. */
    occurrencesDone: integer("occurrences_done").notNull().default(0),
  },
  (t) => [
    index("tasks_user_created_idx").on(t.userId, t.createdAt.desc(), t.id),
    index("tasks_user_updated_idx").on(t.userId, t.updatedAt.desc(), t.id),
    index("tasks_user_due_idx").on(t.userId, t.dueAt, t.id),
    index("tasks_tags_idx").using("gin", t.tags),
    index("tasks_user_deleted_idx").on(t.userId, t.deletedAt).where(sql`${t.deletedAt} is not null`),
    index("tasks_user_deletion_idx").on(t.userId, t.deletionId).where(sql`${t.deletionId} is not null`),
    check("tasks_priority_check", sql`${t.priority} in ('none', 'low', 'medium', 'high')`),
    check("tasks_title_length", sql`char_length(${t.title}) between 1 and 200`),
    check("tasks_description_length", sql`char_length(${t.description}) <= 1000`),
    check("tasks_tags_count", sql`cardinality(${t.tags}) <= 10`),
    check("tasks_repeat_from_check", sql`${t.repeatFrom} in ('due', 'completion')`),
    check("tasks_repeat_length", sql`char_length(${t.repeat}) <= 256`),
    check("tasks_time_zone_length", sql`char_length(${t.timeZone}) <= 64`),
    check(
      "tasks_reminders_count",
      sql`jsonb_typeof(${t.reminders}) = 'array' and jsonb_array_length(${t.reminders}) <= 5`,
    ),
    check("tasks_occurrences_done_range", sql`${t.occurrencesDone} >= 0`),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

/**
 * Idempotency-Key records for POST /tasks, kept per user for 24 hours. The key
 * is claimed before the task is inserted (same transaction), so a retry or a
 * concurrent duplicate can never create a second task.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of the normalised request body: the same key with another body is refused. */
    requestHash: text("request_hash").notNull(),
    /** The created task's id; for a bulk action, the action's own id. */
    taskId: uuid("task_id").notNull(),
    /** The normalised request, from which the first response is replayed. */
    request: jsonb("request").notNull(),
    /** A bulk action's first response (its count), replayed as it was; null for a create. */
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/**
 * One completed occurrence of a repeating task (spec 004 FR-008): when it was
 * completed and the due date it had, so the history can be listed and the
 * latest completion undone. Bounded per task and per user by triggers
 * (db/migrations/0006).
 */
export const taskCompletions = pgTable(
  "task_completions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The occurrence's due date: where Undo moves the task back to. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** Whether this completion ended the series (the task was completed for good), for Undo. */
    closedSeries: boolean("closed_series").notNull().default(false),
  },
  (t) => [index("task_completions_user_task_idx").on(t.userId, t.taskId, t.completedAt.desc(), t.id.desc())],
);

export type TaskCompletionRow = typeof taskCompletions.$inferSelect;
