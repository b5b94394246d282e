/**
 * Where a repeating task's `dueAt` moves when it is completed (issue 15):
 * the rule's next date strictly after the current due date (or, with
 * `repeatFrom: "completion"`, after the completion's date), at the due
 * date's wall-clock time in the task's zone, across clock changes; or null
 * when the rule is exhausted (COUNT or UNTIL), and the task completes.
 */
import { type LocalDate, nextDate } from "./expand.ts";
import type { RecurrenceRule } from "./rule.ts";
import { instantAt, wallClockAt } from "./time-zone.ts";

export type RepeatFrom = "due" | "completion";

export interface NextOccurrenceInput {
  rule: RecurrenceRule;
  /** An IANA zone (validated: see isTimeZone). */
  timeZone: string;
  /** The current due date, in milliseconds since the epoch. */
  dueAt: number;
  repeatFrom: RepeatFrom;
  /** When the task is being completed; only read with `repeatFrom: "completion"`. */
  completedAt: number;
  /**
   * How many occurrences of this series were completed before this one (0 on
   * the first completion), for COUNT: the series started at the first due date.
   */
  completedBefore: number;
}

/** The last instant a task may be due (the table's `tasks_due_at_range`). */
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

const dateOf = (clock: LocalDate): LocalDate => ({ year: clock.year, month: clock.month, day: clock.day });

/** The next due date in milliseconds since the epoch, or null when the series has ended. */
export function nextOccurrence(input: NextOccurrenceInput): number | null {
  const { rule, timeZone } = input;
  // The occurrence being completed is number completedBefore + 1; COUNT is how many there are.
  if (rule.count !== null && input.completedBefore + 1 >= rule.count) return null;
  const due = wallClockAt(timeZone, input.dueAt);
  const anchor = input.repeatFrom === "completion" ? dateOf(wallClockAt(timeZone, input.completedAt)) : dateOf(due);
  const date = nextDate(rule, anchor);
  if (date === null) return null;
  const until = rule.until;
  if (
    until?.kind === "date" &&
    (date.year * 100 + date.month) * 100 + date.day > (until.year * 100 + until.month) * 100 + until.day
  ) {
    return null;
  }
  const next = instantAt(timeZone, { ...due, ...date });
  if (until?.kind === "instant" && next > until.epochMs) return null;
  return next > LATEST ? null : next;
}
