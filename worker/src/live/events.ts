/**
 * What live sync sends and the change feed returns: one event per change to
 * a task, built from a `task_changes` row (db/schema/changes.ts). The same
 * shape travels on the socket and in `GET …/changes`, so a client applies
 * both with one function.
 */
import { getTableColumns } from "drizzle-orm";
import type { ChangeKind } from "../../../db/schema/changes.ts";
import { type TaskRow, tasks } from "../../../db/schema/tasks.ts";
import type { TaskDto } from "../tasks/schemas.ts";
import { toTaskDto } from "../tasks/task-dto.ts";

export type TaskEventType = `task.${ChangeKind}`;

/** One change to one task. `task` is the task after the change, absent on a deletion. */
export interface TaskEvent {
  type: TaskEventType;
  id: string;
  version: number;
  task?: TaskDto;
  cursor: string;
}

/**
 * Sent instead of the events themselves when one write changed more tasks
 * than a message should carry (a bulk action over a long list): the client
 * catches up through the feed, or reloads its list.
 */
export interface TasksChangedEvent {
  type: "tasks.changed";
  count: number;
  cursor: string;
}

export type LiveMessage = TaskEvent | TasksChangedEvent;

/** A change as the database returns it: bigint and jsonb columns arrive as text and objects. */
export interface ChangeRecord {
  seq: string | number;
  task_id: string;
  kind: ChangeKind;
  version: number;
  task: Record<string, unknown> | null;
}

/** Cursors are the per-user sequence number, as text: opaque to clients, who only pass them back. */
export function cursorOf(seq: number): string {
  return String(seq);
}

const columns = Object.entries(getTableColumns(tasks));

/** A `to_jsonb(tasks)` snapshot as the TaskRow drizzle would have read: camelCase keys, Dates for timestamps. */
function rowOf(snapshot: Record<string, unknown>): TaskRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = snapshot[column.name] ?? null;
    row[key] = value !== null && column.dataType === "date" ? new Date(value as string) : value;
  }
  return row as unknown as TaskRow;
}

export function eventOf(change: ChangeRecord): TaskEvent {
  const event: TaskEvent = {
    type: `task.${change.kind}`,
    id: change.task_id,
    version: change.version,
    cursor: cursorOf(Number(change.seq)),
  };
  if (change.kind !== "deleted" && change.task) event.task = toTaskDto(rowOf(change.task));
  return event;
}
