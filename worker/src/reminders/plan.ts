/**
 * What a user's hub needs to know about one task's reminders, derived from
 * the change events every committed write already sends it (live/events.ts):
 * the fire times (`dueAt` less each lead), the title for the message, and the
 * version, so an older change arriving late never undoes a newer one.
 */
import type { LiveMessage } from "../live/events.ts";
import { reminderTimes } from "../recurrence/duration.ts";

export interface ReminderPlan {
  taskId: string;
  version: number;
  title: string;
  /** ISO 8601; null when the task has no reminders to fire (no due date, completed, deleted). */
  dueAt: string | null;
  /** Every fire time in ms, earliest first; the hub keeps the future ones. */
  fireTimes: number[];
}

/** The task fields a plan reads (TaskDto and the scheduler's rows both have them). */
export interface RemindableTask {
  title: string;
  dueAt: string | null;
  completed: boolean;
  reminders?: readonly { before: string }[] | null;
}

/** The message an open dashboard receives when a reminder fires (the `recur-ui` page shows it). */
export interface ReminderDueMessage {
  type: "reminder.due";
  taskId: string;
  title: string;
  dueAt: string;
}

/** A task's plan; without a task (deleted) or without a due date or reminders, no fire times. */
export function planOf(taskId: string, version: number, task: RemindableTask | undefined): ReminderPlan {
  if (!task || task.completed || task.dueAt === null || !task.reminders?.length) {
    return { taskId, version, title: task?.title ?? "", dueAt: null, fireTimes: [] };
  }
  const dueAt = Date.parse(task.dueAt);
  return { taskId, version, title: task.title, dueAt: task.dueAt, fireTimes: reminderTimes(dueAt, task.reminders) };
}

/** The plans for a write's events; `tasks.changed` (too many to list) is answered by a re-read instead. */
export function plansOf(messages: readonly LiveMessage[]): ReminderPlan[] {
  const plans: ReminderPlan[] = [];
  for (const message of messages) {
    if (message.type === "tasks.changed") continue;
    plans.push(planOf(message.id, message.version, message.task as RemindableTask | undefined));
  }
  return plans;
}

/** True when a write changed more tasks than its events list, so the hub re-reads the user's reminders. */
export function needsResync(messages: readonly LiveMessage[]): boolean {
  return messages.some((message) => message.type === "tasks.changed");
}
