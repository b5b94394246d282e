/**
 * ISO 8601 durations for reminders (`{ "before": "PT15M" }`), as fixed
 * lengths of time: weeks, days, hours, minutes and whole seconds. Years and
 * months are refused because their length depends on the date.
 */

/** The longest reminder lead: 30 days before the due date. */
export const MAX_REMINDER_SECONDS = 30 * 86_400;
export const MAX_REMINDERS = 5;

const PATTERN = /^P(?:(\d{1,7})W|(?:(\d{1,7})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,7})M)?(?:(\d{1,7})S)?)?)$/;

/** Seconds in an ISO 8601 duration such as `P1D`, `PT1H30M` or `P1W`, or null if it is not one this API reads. */
export function durationSeconds(text: string): number | null {
  const match = PATTERN.exec(text);
  // "P" alone, and a "T" with nothing after it, match the pattern but are not durations.
  if (!match || text === "P" || text.endsWith("T")) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** True for a duration from PT0S to P30D. */
export function isReminderLead(text: string): boolean {
  const seconds = durationSeconds(text);
  return seconds !== null && seconds <= MAX_REMINDER_SECONDS;
}

/** When a task's reminders fire: `dueAt` less each lead, in milliseconds, earliest first, equal times once. */
export function reminderTimes(dueAt: number, reminders: readonly { before: string }[]): number[] {
  const times = reminders.map((reminder) => dueAt - (durationSeconds(reminder.before) ?? 0) * 1000);
  return [...new Set(times)].sort((a, b) => a - b);
}
