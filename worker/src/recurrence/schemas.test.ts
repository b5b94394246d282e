/**
 * The new task fields as the API will validate them: bad rules, zones and
 * reminders are refused with a 422 entry pointing at the field, through the
 * same `toFieldErrors` the validation hook uses.
 */

import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { toFieldErrors } from "../problems/validation-hook.ts";
import { durationSeconds } from "./duration.ts";
import { parseRule } from "./rule.ts";
import { checkRecurrence, recurrenceFields } from "./schemas.ts";

/** A task body as the wiring will build it: the existing dueAt plus the new fields and the cross-field rules. */
const Body = z
  .strictObject({ dueAt: z._default(z.nullable(z.iso.datetime({ offset: true })), null), ...recurrenceFields() })
  .check(z.superRefine(checkRecurrence));

function pointers(body: unknown) {
  const result = Body.safeParse(body);
  return result.success ? [] : toFieldErrors("json", result.error.issues).map((error) => error.pointer);
}

// Covers 004 FR-001, 004 FR-002, 004 FR-004.
describe("repeat", () => {
  it.each([
    ["FREQ=HOURLY", "FREQ must be one of"],
    ["FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS is not supported"],
    ["RRULE:FREQ=DAILY", "without the RRULE: prefix"],
    ["FREQ=DAILY;COUNT=3;UNTIL=20270101", "COUNT and UNTIL cannot both be given"],
    ["FREQ=WEEKLY;BYDAY=1MO", "BYDAY ordinals"],
    ["FREQ=MONTHLY;BYDAY=6MO", "BYDAY must list weekdays"],
    ["FREQ=MONTHLY;BYDAY=0MO", "BYDAY must list weekdays"],
    ["FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"],
    ["FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must list days"],
    ["FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY must list days"],
    ["FREQ=YEARLY;BYMONTH=13", "BYMONTH must list months"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL must be"],
    ["FREQ=DAILY;INTERVAL=1000", "INTERVAL must be"],
    ["FREQ=DAILY;COUNT=-1", "COUNT must be"],
    ["FREQ=DAILY;UNTIL=20270230", "UNTIL must be"],
    ["FREQ=DAILY;UNTIL=20270101T000000", "UNTIL must be"],
    ["FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"],
    ["FREQ=DAILY;", "is not NAME=VALUE"],
    ["INTERVAL=2", "FREQ is required"],
    ["", "is not NAME=VALUE"],
    [`FREQ=DAILY;${"X".repeat(300)}`, "at most 256"],
  ])("refuses %j: %s", (repeat, message) => {
    const parsed = parseRule(repeat);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
    expect(pointers({ dueAt: "2026-06-01T09:00:00Z", timeZone: "UTC", repeat })).toEqual(["#/repeat"]);
  });

  it("accepts the subset, in any case, and keeps the text as written", () => {
    for (const repeat of [
      "FREQ=DAILY",
      "freq=weekly;interval=2;byday=tu,th",
      "FREQ=MONTHLY;BYDAY=-1FR",
      "FREQ=MONTHLY;BYMONTHDAY=1,-1;BYMONTH=1,6",
      "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
      "FREQ=WEEKLY;COUNT=10",
      "FREQ=WEEKLY;UNTIL=20271231T235959Z",
    ]) {
      const result = Body.safeParse({ dueAt: "2026-06-01T09:00:00Z", timeZone: "Europe/Berlin", repeat });
      expect(result.success, repeat).toBe(true);
      expect(result.data?.repeat).toBe(repeat);
    }
  });

  it("needs a dueAt and a timeZone, naming each", () => {
    expect(pointers({ repeat: "FREQ=DAILY" })).toEqual(["#/dueAt", "#/timeZone"]);
    expect(pointers({ repeat: "FREQ=DAILY", timeZone: "Europe/Berlin" })).toEqual(["#/dueAt"]);
    expect(pointers({ repeat: "FREQ=DAILY", dueAt: "2026-06-01T09:00:00Z" })).toEqual(["#/timeZone"]);
  });

  it("refuses a rule with no date after dueAt unless COUNT or UNTIL ends it", () => {
    const base = { dueAt: "2026-06-01T09:00:00Z", timeZone: "UTC" };
    expect(pointers({ ...base, repeat: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" })).toEqual(["#/repeat"]);
    expect(pointers({ ...base, repeat: "FREQ=DAILY;UNTIL=20200101" })).toEqual([]);
  });
});

// Covers 004 FR-003.
describe("timeZone", () => {
  it("accepts IANA names and refuses offsets and unknown zones", () => {
    const base = { dueAt: "2026-06-01T09:00:00Z", repeat: "FREQ=DAILY" };
    for (const timeZone of ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5"]) {
      expect(pointers({ ...base, timeZone }), timeZone).toEqual([]);
    }
    for (const timeZone of ["+01:00", "GMT+1", "Mars/Olympus_Mons", "Europe/Berlin ", "", "A".repeat(65)]) {
      expect(pointers({ ...base, timeZone }), timeZone).toEqual(["#/timeZone"]);
    }
  });
});

describe("repeatFrom", () => {
  it('defaults to "due" and refuses anything but "due" and "completion"', () => {
    expect(Body.parse({}).repeatFrom).toBe("due");
    expect(Body.parse({ repeatFrom: "completion" }).repeatFrom).toBe("completion");
    expect(pointers({ repeatFrom: "done" })).toEqual(["#/repeatFrom"]);
  });
});

// Covers 004 FR-007.
describe("reminders", () => {
  const dueAt = "2026-06-01T09:00:00Z";

  it("reads ISO 8601 durations from PT0S to P30D", () => {
    expect(durationSeconds("PT0S")).toBe(0);
    expect(durationSeconds("PT1H30M")).toBe(5400);
    expect(durationSeconds("P1W")).toBe(604_800);
    expect(durationSeconds("P1DT1S")).toBe(86_401);
    for (const before of ["PT0S", "PT15M", "P1D", "P30D", "PT720H", "P4W"]) {
      expect(pointers({ dueAt, reminders: [{ before }] }), before).toEqual([]);
    }
  });

  it("refuses more than 30 days, months, years, fractions, other spellings and unknown fields", () => {
    for (const before of [
      "P30DT1S",
      "P5W",
      "P1M",
      "P1Y",
      "PT0.5S",
      "P",
      "PT",
      "pt15m",
      "-PT5M",
      "15 minutes",
      "P1DT",
    ]) {
      expect(pointers({ dueAt, reminders: [{ before }] }), before).toEqual(["#/reminders/0/before"]);
    }
    expect(pointers({ dueAt, reminders: [{ before: "PT5M", at: "x" }] })).toEqual(["#/reminders/0/at"]);
  });

  it("takes at most five, merges equal leads, and needs a dueAt", () => {
    const six = ["PT0S", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H"].map((before) => ({ before }));
    expect(pointers({ dueAt, reminders: six })).toEqual(["#/reminders"]);
    expect(Body.parse({ dueAt, reminders: [{ before: "PT1H" }, { before: "PT60M" }] }).reminders).toEqual([
      { before: "PT1H" },
    ]);
    expect(pointers({ reminders: [{ before: "PT5M" }] })).toEqual(["#/reminders"]);
  });
});
