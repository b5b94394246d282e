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
  },
  (t) => [
    index("tasks_user_created_idx").on(t.userId, t.createdAt.desc(), t.id),
    index("tasks_user_updated_idx").on(t.userId, t.updatedAt.desc(), t.id),
    index("tasks_user_due_idx").on(t.userId, t.dueAt, t.id),
    index("tasks_tags_idx").using("gin", t.tags),
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
    taskId: uuid("task_id").notNull(),
    /** The normalised request, from which the first response is replayed. */
    request: jsonb("request").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
