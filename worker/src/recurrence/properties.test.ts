/**
 * Invariants over generated rules, zones and due dates (fast-check): the next
 * occurrence is strictly after the due date, at the same wall-clock time
 * unless that time does not exist on the new date, on a date the rule allows;
 * and with INTERVAL=1 no allowed date is skipped (checked against a day-by-day
 * search written independently of expand.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOfEpochDay, daysInMonth, epochDay, isoWeekday, type LocalDate, nextDate } from "./expand.ts";
import { nextOccurrence } from "./next-occurrence.ts";
import { parseRule, type RecurrenceRule, WEEKDAYS } from "./rule.ts";
import { instantAt, wallClockAt } from "./time-zone.ts";

const zones = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "America/Santiago",
  "Asia/Kolkata",
  "UTC",
];

const ruleText = fc
  .record({
    freq: fc.constantFrom("DAILY", "WEEKLY", "MONTHLY", "YEARLY"),
    interval: fc.integer({ min: 1, max: 3 }),
    byDay: fc.uniqueArray(
      fc.record({ ordinal: fc.constantFrom(0, 0, 0, 1, 2, 4, 5, -1, -2), weekday: fc.integer({ min: 0, max: 6 }) }),
      { maxLength: 3 },
    ),
    byMonthDay: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -31, max: -1 })), {
      maxLength: 3,
    }),
    byMonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
  })
  .map(({ freq, interval, byDay, byMonthDay, byMonth }) => {
    const ordinals = freq === "MONTHLY" || (freq === "YEARLY" && byMonth.length > 0);
    const parts = [`FREQ=${freq}`];
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    const days = byDay.map((d) => `${ordinals && d.ordinal !== 0 ? d.ordinal : ""}${WEEKDAYS[d.weekday]}`);
    if (days.length > 0) parts.push(`BYDAY=${[...new Set(days)].join(",")}`);
    if (byMonthDay.length > 0 && freq !== "WEEKLY") parts.push(`BYMONTHDAY=${byMonthDay.join(",")}`);
    if (byMonth.length > 0) parts.push(`BYMONTH=${byMonth.join(",")}`);
    return parts.join(";");
  });

const due = fc.integer({ min: Date.parse("1971-01-01T00:00:00Z"), max: Date.parse("2099-12-31T00:00:00Z") });

function ruleOf(text: string): RecurrenceRule {
  const parsed = parseRule(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.rule;
}

/** Whether the rule, started on `anchor`, allows `date`, ignoring INTERVAL: RFC 5545's table, read directly. */
function allows(rule: RecurrenceRule, anchor: LocalDate, date: LocalDate): boolean {
  const length = daysInMonth(date.year, date.month);
  const weekday = isoWeekday(epochDay(date));
  const defaultMonthOnly = rule.freq === "YEARLY" && rule.byMonthDay.length === 0 && rule.byDay.length === 0;
  if (rule.byMonth.length > 0 ? !rule.byMonth.includes(date.month) : defaultMonthOnly && date.month !== anchor.month) {
    return false;
  }
  if (rule.byMonthDay.length > 0 && !rule.byMonthDay.some((d) => d === date.day || d === date.day - length - 1)) {
    return false;
  }
  if (rule.byDay.length > 0) {
    const nth = Math.ceil(date.day / 7);
    const nthFromEnd = Math.floor((length - date.day) / 7) + 1;
    return rule.byDay.some(
      (d) => d.weekday === weekday && (d.ordinal === 0 || d.ordinal === nth || d.ordinal === -nthFromEnd),
    );
  }
  if (rule.byMonthDay.length > 0 || rule.freq === "DAILY") return true;
  if (rule.freq === "WEEKLY") return weekday === isoWeekday(epochDay(anchor));
  return date.day === anchor.day;
}

const dateIn = (timeZone: string, instant: number): LocalDate => {
  const { year, month, day } = wallClockAt(timeZone, instant);
  return { year, month, day };
};

describe("calendar arithmetic", () => {
  it("agrees with Date on every day from 1900 to 9999", () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(9999, 11, 31) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        const date = new Date(day * 86_400_000);
        const expected = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(dateOfEpochDay(day)).toEqual(expected);
        expect(epochDay(expected)).toBe(day);
        expect(daysInMonth(expected.year, expected.month)).toBe(
          new Date(Date.UTC(expected.year, expected.month, 0)).getUTCDate(),
        );
        expect(isoWeekday(day)).toBe(((date.getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("next occurrence, for any rule in the subset", () => {
  it("is strictly after the due date, on a date the rule allows, at the due date's wall-clock time", () => {
    fc.assert(
      fc.property(ruleText, fc.constantFrom(...zones), due, (text, timeZone, dueAt) => {
        const rule = ruleOf(text);
        const next = nextOccurrence({
          rule,
          timeZone,
          dueAt,
          repeatFrom: "due",
          completedAt: dueAt,
          completedBefore: 0,
        });
        if (next === null) return;
        expect(next).toBeGreaterThan(dueAt);
        const was = wallClockAt(timeZone, dueAt);
        const now = wallClockAt(timeZone, next);
        const date = nextDate(rule, dateIn(timeZone, dueAt));
        expect(date).not.toBeNull();
        if (!date) return;
        expect(allows(rule, dateIn(timeZone, dueAt), date)).toBe(true);
        const wanted = { ...was, ...date };
        const exists = instantAt(timeZone, wanted) === next && JSON.stringify(now) === JSON.stringify(wanted);
        // The same wall-clock time, unless that time falls in a clock change's gap on the new date.
        const inGap = JSON.stringify(wallClockAt(timeZone, instantAt(timeZone, wanted))) !== JSON.stringify(wanted);
        expect(exists || inGap).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("skips no date the rule allows when INTERVAL is 1", () => {
    fc.assert(
      fc.property(
        ruleText.filter((text) => !text.includes("INTERVAL")),
        due,
        (text, dueAt) => {
          const rule = ruleOf(text);
          const anchor = dateIn("UTC", dueAt);
          const found = nextDate(rule, anchor);
          let expected: LocalDate | null = null;
          for (let day = epochDay(anchor) + 1; day <= epochDay(anchor) + 3000; day++) {
            const date = new Date(day * 86_400_000);
            const candidate = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
            if (allows(rule, anchor, candidate)) {
              expected = candidate;
              break;
            }
          }
          if (expected) expect(found).toEqual(expected);
          else if (found) expect(epochDay(found) - epochDay(anchor)).toBeGreaterThan(3000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is never before the completion's next day with repeatFrom completion", () => {
    fc.assert(
      fc.property(
        ruleText,
        fc.constantFrom(...zones),
        due,
        fc.integer({ min: -40, max: 400 }),
        (text, timeZone, dueAt, days) => {
          const completedAt = dueAt + days * 86_400_000;
          const next = nextOccurrence({
            rule: ruleOf(text),
            timeZone,
            dueAt,
            repeatFrom: "completion",
            completedAt,
            completedBefore: 0,
          });
          if (next !== null) expect(next).toBeGreaterThan(completedAt);
        },
      ),
      { numRuns: 200 },
    );
  });
});
