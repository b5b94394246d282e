/**
 * What the dashboard says about repeating tasks and reminders: the notice
 * after completing a repeating task (its next date, with Undo), and the
 * in-page reminder. Dates are in the browser's locale and the given zone.
 */

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short", timeZone }).format(new Date(iso));

export const recurringSaid = {
  /** After completing a repeating task that goes on. */
  nextDue: (title: string, dueAt: string, timeZone: string) => `Done: “${title}”. Next due ${when(dueAt, timeZone)}.`,
  /** After completing the last occurrence. */
  seriesEnded: (title: string) => `Done: “${title}”. That was its last repeat.`,
  undone: (title: string) => `Completion of “${title}” undone.`,
  reminder: (title: string, dueAt: string, timeZone: string) => `Reminder: “${title}” is due ${when(dueAt, timeZone)}.`,
};

export const recurringFailed = {
  undo: "Could not undo the completion.",
};
