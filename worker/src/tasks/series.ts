/**
 * What completing one occurrence of a repeating task does to it (spec 004
 * FR-008): the task's next due date, or the end of the series. Pure, so the
 * single completion, the PUT and the bulk action share it; "now" is passed in.
 */
import { nextOccurrence, type RepeatFrom } from "../recurrence/next-occurrence.ts";
import { parseRule } from "../recurrence/rule.ts";
import { isTimeZone } from "../recurrence/time-zone.ts";

/** The stored fields a completion reads. */
export interface SeriesState {
  repeat: string | null;
  timeZone: string | null;
  repeatFrom: RepeatFrom;
  dueAt: Date | null;
  occurrencesDone: number;
}

/** Where the series goes: on to `nextDueAt`, or ended (the task is completed for good). */
export type SeriesStep = { kind: "next"; nextDueAt: Date } | { kind: "ended" };

export function isRepeating(state: Pick<SeriesState, "repeat">): boolean {
  return state.repeat !== null;
}

/**
 * The step for completing the current occurrence at `completedAt`. The API
 * refuses a rule without a due date or a zone, and an unparsable rule, so
 * such a row can only be older data: it ends like a one-off task.
 */
export function nextStep(state: SeriesState, completedAt: number): SeriesStep {
  if (state.repeat === null || state.dueAt === null || state.timeZone === null) return { kind: "ended" };
  const parsed = parseRule(state.repeat);
  if (!parsed.ok || !isTimeZone(state.timeZone)) return { kind: "ended" };
  const next = nextOccurrence({
    rule: parsed.rule,
    timeZone: state.timeZone,
    dueAt: state.dueAt.getTime(),
    repeatFrom: state.repeatFrom,
    completedAt,
    completedBefore: state.occurrencesDone,
  });
  return next === null ? { kind: "ended" } : { kind: "next", nextDueAt: new Date(next) };
}
