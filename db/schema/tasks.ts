/**
 * Tasks, owned by a Better Auth user. Every query is scoped by `user_id`;
 * timestamps come from the database, and `version` backs the API's ETags.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

export const taskPriorities = ["none", "low", "medium", "high"] as const;
export type TaskPriority = (typeof taskPriorities)[number];

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
