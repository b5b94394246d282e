/**
 * The reminders editor's logic, without React: the leads it offers, their
 * words, and adding or removing one (at most `MAX_REMINDERS`, each lead once
 * by its length, as the API keeps them).
 */
import { durationSeconds, MAX_REMINDERS } from "#api/client";

export interface Reminder {
  before: string;
}

/** The leads the editor offers, shortest first. */
export const LEADS = ["PT0S", "PT5M", "PT15M", "PT30M", "PT1H", "P1D"] as const;

const UNITS: [seconds: number, one: string][] = [
  [7 * 86_400, "week"],
  [86_400, "day"],
  [3600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** "At due time", "15 minutes before", "1 day before"; any lead the API holds, not only the offered ones. */
export function leadWords(before: string): string {
  const seconds = durationSeconds(before);
  if (seconds === null) return before;
  if (seconds === 0) return "At due time";
  const [unit, name] = UNITS.find(([unit]) => seconds % unit === 0) ?? [1, "second"];
  const n = seconds / unit;
  return `${n} ${name}${n === 1 ? "" : "s"} before`;
}

const sameLead = (a: string, b: string) => durationSeconds(a) === durationSeconds(b);

/** The offered leads not set yet. */
export function leadsToAdd(reminders: readonly Reminder[]): string[] {
  if (reminders.length >= MAX_REMINDERS) return [];
  return LEADS.filter((lead) => !reminders.some((r) => sameLead(r.before, lead)));
}

/** The reminders with `before` added, shortest lead first; unchanged when full or already there. */
export function addReminder(reminders: readonly Reminder[], before: string): Reminder[] {
  if (reminders.length >= MAX_REMINDERS || reminders.some((r) => sameLead(r.before, before))) return [...reminders];
  return [...reminders, { before }].sort((a, b) => (durationSeconds(a.before) ?? 0) - (durationSeconds(b.before) ?? 0));
}

export function removeReminder(reminders: readonly Reminder[], before: string): Reminder[] {
  return reminders.filter((r) => r.before !== before);
}

export { MAX_REMINDERS };
