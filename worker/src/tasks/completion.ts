/**
 * Completing a repeating task (spec 004 FR-008, ADR 0013). The first round
 * trip is the ordinary completion, which leaves an open repeating task alone
 * and reads it; only then does the Worker know the rule, zone and due date,
 * compute the next occurrence, and send the second round trip, guarded by the
 * version it read. A one-off task, and every refusal, costs one round trip.
 */
import type { TaskRow } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { Precondition } from "../http/preconditions.ts";
import { completeOccurrence, type ReplacedFields } from "./completion-queries.ts";
import { replaceTask, setCompletion, type WriteOutcome } from "./queries.ts";
import type { ReplaceTaskInput } from "./schemas.ts";
import { nextStep, type SeriesState } from "./series.ts";

/**
 * How many times a completion without If-Match is tried when another write lands between its
 * two round trips. With If-Match the race is the client's to resolve: 412.
 */
const ATTEMPTS = 3;

/** Runs `attempt` again while it lost a race it may retry. */
async function withRetries(
  precondition: Precondition,
  attempt: () => Promise<{ outcome: WriteOutcome; raced: boolean }>,
): Promise<WriteOutcome> {
  for (let tries = 1; ; tries++) {
    const { outcome, raced } = await attempt();
    if (!raced || precondition.kind === "versions" || tries >= ATTEMPTS) return outcome;
  }
}

/** Whether If-Match admits this version (the first round trip already refused the rest). */
function admits(precondition: Precondition, version: number): boolean {
  return precondition.kind !== "versions" || precondition.versions.includes(version);
}

/** PATCH …/complete: sets (or toggles) completion; for an open repeating task, completes the occurrence. */
export async function setCompletionOrAdvance(
  db: Database,
  userId: string,
  id: string,
  completed: boolean | undefined,
  precondition: Precondition,
): Promise<WriteOutcome> {
  return withRetries(precondition, async () => {
    const first = await setCompletion(db, userId, id, completed, precondition);
    if (first.kind !== "conflict") return { outcome: first, raced: false };
    const row = first.current;
    const completesOccurrence = row.repeat !== null && !row.completed && completed !== false;
    if (!completesOccurrence || !admits(precondition, row.version)) return { outcome: first, raced: false };
    return raced(await advanceFrom(db, userId, id, row.version, row, {}));
  });
}

/** A second round trip that changed nothing lost a race (or the task went). */
const raced = (outcome: WriteOutcome) => ({ outcome, raced: outcome.kind === "conflict" });

/** PUT: replaces the task; with `completed: true` and a rule on an open task, completes the occurrence too. */
export async function replaceOrAdvance(
  db: Database,
  userId: string,
  id: string,
  input: ReplaceTaskInput,
  precondition: Precondition,
): Promise<WriteOutcome> {
  return withRetries(precondition, async () => {
    const first = await replaceTask(db, userId, id, input, precondition);
    if (first.kind !== "conflict" || !input.completed || input.repeat === null) return { outcome: first, raced: false };
    const row = first.current;
    if (row.completed || !admits(precondition, row.version)) return { outcome: first, raced: false };
    return raced(await advanceReplaced(db, userId, id, input, row));
  });
}

async function advanceReplaced(db: Database, userId: string, id: string, input: ReplaceTaskInput, row: TaskRow) {
  // The series as the PUT leaves it: its rule and due date; COUNT's progress starts again with a new rule.
  const state: SeriesState = {
    repeat: input.repeat,
    timeZone: input.timeZone,
    repeatFrom: input.repeatFrom,
    dueAt: input.dueAt === null ? null : new Date(input.dueAt),
    occurrencesDone: input.repeat === row.repeat ? row.occurrencesDone : 0,
  };
  const { title, description, priority, tags, repeat, timeZone, repeatFrom, reminders } = input;
  return advanceFrom(db, userId, id, row.version, state, {
    title,
    description,
    priority,
    tags,
    repeat,
    timeZone,
    repeatFrom,
    reminders,
  });
}

async function advanceFrom(
  db: Database,
  userId: string,
  id: string,
  readVersion: number,
  state: SeriesState,
  replaced: ReplacedFields,
): Promise<WriteOutcome> {
  const completedAt = Date.now();
  return completeOccurrence(db, userId, id, {
    readVersion,
    step: nextStep(state, completedAt),
    // The schemas refuse a rule without a dueAt, so this fallback only covers rows written otherwise.
    occurrenceDueAt: state.dueAt ?? new Date(completedAt),
    occurrencesBefore: state.occurrencesDone,
    replaced,
  });
}
