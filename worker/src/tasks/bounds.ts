/**
 * Bounds on what a client can send and what a user can grow (issue 11):
 * instants in the years 1900-9999, text that is well-formed UTF-16, and the
 * per-user row caps the database enforces (db/migrations/0003_per_user_bounds.sql).
 * Kept apart from schemas.ts so the limits are found, and changed, in one place.
 */
import * as z from "zod/mini";

/** Rows per user the database accepts in `tasks` (trigger `tasks_per_user_limit`). */
export const MAX_TASKS_PER_USER = 10_000;
/** Live (under 24 hours old) keys per user in `idempotency_keys` (trigger `idempotency_keys_per_user_limit`). */
export const MAX_IDEMPOTENCY_KEYS_PER_USER = 10_000;
/** A deleted task can be restored for this long (tasks/retention.ts purges it afterwards). */
export const RESTORE_WINDOW_MINUTES = 10;
/** A task keeps its newest 100 completions (the trigger in db/migrations/0006_recurrence.sql); all are listed. */
export const MAX_COMPLETIONS_PER_TASK = 100;

/** The first and last instants a stored date may be; the table's check `tasks_due_at_range` says the same. */
export const EARLIEST_INSTANT = "1900-01-01T00:00:00.000Z";
export const LATEST_INSTANT = "9999-12-31T23:59:59.999Z";
const earliest = Date.parse(EARLIEST_INSTANT);
const latest = Date.parse(LATEST_INSTANT);

/**
 * An ISO 8601 date-time with an offset, within the years 1900-9999 once in
 * UTC, as its canonical UTC form (`toISOString()`, millisecond precision).
 * Every insert path then hands Postgres the same text: `0001-01-01T00:00:00+14:00`
 * (a BC instant in UTC) and year 50 (read back as 1950) are refused here.
 */
export function instant(message: string) {
  return z.pipe(
    z.iso.datetime({ offset: true, message }).check(
      z.maxLength(64, message),
      z.refine((value) => {
        const time = Date.parse(value);
        return time >= earliest && time <= latest;
      }, `Must be between ${EARLIEST_INSTANT} and ${LATEST_INSTANT}`),
    ),
    z.transform((value: string) => new Date(value).toISOString()),
  );
}

/**
 * True unless the text holds a lone surrogate (not well-formed UTF-16). JSON's
 * `\ud800` escape makes one, and no database can store it: Postgres text is
 * UTF-8, and a lone surrogate has no UTF-8 form. (With the `u` flag, a valid
 * pair is one code point and never matches `\p{Cs}`.)
 */
export function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}
