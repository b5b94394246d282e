/**
 * The task fields issue 15 adds, as zod schemas ready to spread into the
 * create and replace bodies (`...recurrenceFields`), plus the cross-field
 * rules (`checkRecurrence`, for the body's `z.superRefine` check). Every refusal is
 * an issue at the field's own path, so the one validation hook reports it as
 * a 422 pointing at `repeat`, `dueAt`, `timeZone` or `reminders`.
 */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { durationSeconds, isReminderLead, MAX_REMINDERS } from "./duration.ts";
import { nextOccurrence } from "./next-occurrence.ts";
import { MAX_RULE_LENGTH, parseRule } from "./rule.ts";
import { isTimeZone, MAX_TIME_ZONE_LENGTH } from "./time-zone.ts";

/** An RRULE value in the supported subset, kept as the client wrote it. */
export const repeat = lazy(() =>
  z
    .nullable(
      z.string().check(
        // abort: a rule that is too long is not parsed as well, so it gets one error, not two.
        z.maxLength(MAX_RULE_LENGTH, { message: `Must be at most ${MAX_RULE_LENGTH} characters`, abort: true }),
        z.superRefine((value: string, ctx) => {
          const parsed = parseRule(value);
          if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
        }),
      ),
    )
    .check(z.describe("An RFC 5545 RRULE value without the RRULE: prefix, e.g. FREQ=WEEKLY;BYDAY=MO")),
);

export const timeZone = lazy(() =>
  z
    .nullable(
      z
        .string()
        .check(
          z.maxLength(MAX_TIME_ZONE_LENGTH, { abort: true }),
          z.refine(isTimeZone, "Must be an IANA time zone, e.g. Europe/Berlin"),
        ),
    )
    .check(z.describe("The zone whose wall-clock time a repeating task keeps")),
);

export const repeatFrom = lazy(() =>
  z
    .enum(["due", "completion"])
    .check(z.describe("Count the next occurrence from the due date (default) or from the completion")),
);

export const Reminder = lazy(() =>
  z.strictObject({
    before: z
      .string()
      .check(
        z.maxLength(32),
        z.refine(isReminderLead, "Must be an ISO 8601 duration from PT0S to P30D, e.g. PT15M or P1D"),
        z.describe("How long before dueAt"),
      ),
  }),
);

/** At most five reminders; two spelled differently but equally long (PT60M, PT1H) are one. */
export const reminders = lazy(() =>
  z.pipe(
    z.array(Reminder()).check(z.maxLength(MAX_REMINDERS, `At most ${MAX_REMINDERS} reminders`)),
    z.transform((list: { before: string }[]) =>
      list.filter(
        (reminder, index) =>
          list.findIndex((other) => durationSeconds(other.before) === durationSeconds(reminder.before)) === index,
      ),
    ),
  ),
);

/** The new editable fields with their defaults, for the create and replace bodies. */
export const recurrenceFields = lazy(() => ({
  repeat: z._default(repeat(), null),
  timeZone: z._default(timeZone(), null),
  repeatFrom: z._default(repeatFrom(), "due"),
  reminders: z._default(reminders(), []),
}));

export interface RecurrenceInput {
  dueAt: string | null;
  repeat: string | null;
  timeZone: string | null;
  reminders: readonly unknown[];
}

/**
 * The rules between fields: a repeating task needs a `dueAt` and a
 * `timeZone`, and its rule must have a date after that `dueAt` unless COUNT
 * or UNTIL ends it (so `BYMONTH=2;BYMONTHDAY=30` is refused); reminders are
 * relative to `dueAt`, so they need one too.
 *
 * zod runs an object's refinements even when a field has failed a refinement
 * of its own, so each value is checked again here before it is used; a field
 * that is wrong already has its issue and gets no second one.
 */
export function checkRecurrence(value: RecurrenceInput, ctx: z.core.$RefinementCtx): void {
  if (Array.isArray(value.reminders) && value.reminders.length > 0 && value.dueAt === null) {
    ctx.addIssue({ code: "custom", path: ["reminders"], message: "Reminders need a dueAt" });
  }
  if (typeof value.repeat !== "string") return;
  if (value.dueAt === null)
    ctx.addIssue({ code: "custom", path: ["dueAt"], message: "A repeating task needs a dueAt" });
  if (value.timeZone === null) {
    ctx.addIssue({ code: "custom", path: ["timeZone"], message: "A repeating task needs a timeZone" });
  }
  const parsed = parseRule(value.repeat);
  const dueAt = typeof value.dueAt === "string" ? Date.parse(value.dueAt) : Number.NaN;
  if (!parsed.ok || Number.isNaN(dueAt) || typeof value.timeZone !== "string" || !isTimeZone(value.timeZone)) return;
  const { rule } = parsed;
  if (rule.count !== null || rule.until !== null) return;
  const next = nextOccurrence({
    rule,
    timeZone: value.timeZone,
    dueAt,
    repeatFrom: "due",
    completedAt: dueAt,
    completedBefore: 0,
  });
  if (next === null) {
    ctx.addIssue({ code: "custom", path: ["repeat"], message: "The rule has no date after dueAt (e.g. 30 February)" });
  }
}
