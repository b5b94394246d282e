/**
 * All task SQL. Every function takes the caller's user id, so scoping by
 * owner is part of each signature; each runs as one round trip.
 */
import { and, desc, eq } from "drizzle-orm";
import { type TaskRow, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { CreateTaskInput, TaskDto } from "./schemas.ts";

export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    completedAt: row.completedAt?.toISOString() ?? null,
    priority: row.priority,
    tags: row.tags,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listTasks(db: Database, userId: string, limit: number): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasks)
    .where(eq(tasks.userId, userId))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(limit);
}

export async function findTask(db: Database, userId: string, id: string): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.id, id)));
  return row;
}

export async function createTask(db: Database, userId: string, input: CreateTaskInput): Promise<TaskRow> {
  const [row] = await db
    .insert(tasks)
    .values({ userId, title: input.title, description: input.description ?? null })
    .returning();
  if (!row) throw new Error("INSERT … RETURNING returned no row");
  return row;
}
