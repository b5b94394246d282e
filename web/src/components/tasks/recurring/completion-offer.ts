/**
 * The notices of repeating tasks: the Undo offer after completing one (its
 * next date, for `UNDO_MS`, held while focused, as the deletion notice is)
 * and the in-page reminders the live socket brings. No React, and the timer
 * is passed in, so both are tested in Node without waiting.
 */
import type { Task } from "../types.ts";
import { type Timer, UNDO_MS } from "../undo-offer.ts";
import { recurringSaid } from "./recurring-messages.ts";

/** A completion of a repeating task that can be undone: the task before, and as the API answered. */
export interface RepeatDone {
  before: Task;
  after: Task;
  message: string;
}

export const isRepeating = (task: Task) => task.repeat !== null;

/** What the notice says: the next date, or that the series has ended (the API completed the task). */
export function completionNotice(before: Task, after: Task, browserZone: string): string {
  if (after.completed || after.dueAt === null) return recurringSaid.seriesEnded(before.title);
  return recurringSaid.nextDue(after.title, after.dueAt, browserZone);
}

const realTimer: Timer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The latest completion on offer; a newer one replaces it. */
export function createCompletionOffer(onChange: (offered: RepeatDone | null) => void, timer: Timer = realTimer) {
  let offered: RepeatDone | null = null;
  let held = false;
  let handle: unknown;
  const update = (next: RepeatDone | null) => {
    offered = next;
    onChange(next);
    timer.clear(handle);
    if (next === null) held = false;
    else if (!held) handle = timer.set(() => update(null), UNDO_MS);
  };
  return {
    offer: (done: RepeatDone) => update(done),
    hold(paused: boolean) {
      held = paused;
      update(offered);
    },
    /** The completion on offer, which is no longer offered. */
    take(): RepeatDone | null {
      const done = offered;
      if (done) update(null);
      return done;
    },
    dispose: () => timer.clear(handle),
  };
}

export type CompletionOffer = ReturnType<typeof createCompletionOffer>;

/** A `reminder.due` live message (004 FR-025). */
export interface ReminderDue {
  type: "reminder.due";
  taskId: string;
  title: string;
  dueAt: string;
}

export interface ReminderNotice {
  key: string;
  message: string;
}

/** At most this many reminders show at once; the oldest goes first. */
export const MAX_REMINDER_NOTICES = 3;

/** The notices with `reminder` added (once per task and due date), newest last. */
export function withReminder(
  notices: readonly ReminderNotice[],
  reminder: ReminderDue,
  zone: string,
): ReminderNotice[] {
  const key = `${reminder.taskId}@${reminder.dueAt}`;
  const message = recurringSaid.reminder(reminder.title, reminder.dueAt, zone);
  return [...notices.filter((n) => n.key !== key), { key, message }].slice(-MAX_REMINDER_NOTICES);
}

/** Whether a live message is a reminder, checked field by field: it comes from outside the page. */
export function isReminderDue(message: unknown): message is ReminderDue {
  const m = message as Partial<ReminderDue> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.type === "reminder.due" &&
    typeof m.taskId === "string" &&
    typeof m.title === "string" &&
    typeof m.dueAt === "string"
  );
}
