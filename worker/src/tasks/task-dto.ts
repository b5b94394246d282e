/** The one place a task's stored fields become its API shape (`Task` in ./schemas.ts). */
import type { TaskRow } from "../../../db/schema/tasks.ts";
import type { TaskDto } from "./schemas.ts";

/** The stored fields a client sees. */
export type TaskFields = Pick<
  TaskRow,
  | "id"
  | "title"
  | "description"
  | "completed"
  | "completedAt"
  | "priority"
  | "tags"
  | "dueAt"
  | "repeat"
  | "timeZone"
  | "repeatFrom"
  | "reminders"
  | "createdAt"
  | "updatedAt"
  | "version"
>;

export function toTaskDto(row: TaskFields): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    completedAt: row.completedAt?.toISOString() ?? null,
    priority: row.priority,
    tags: row.tags,
    dueAt: row.dueAt?.toISOString() ?? null,
    repeat: row.repeat,
    timeZone: row.timeZone,
    repeatFrom: row.repeatFrom,
    reminders: row.reminders,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
