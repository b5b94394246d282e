/**
 * The dates a rule produces, in calendar arithmetic only (no time of day, no
 * time zone): RFC 5545's expansion for the supported subset, anchored on a
 * start date that fixes the period's phase (INTERVAL) and the defaults (the
 * weekday for WEEKLY, the day for MONTHLY, the month and day for YEARLY).
 * Dates that do not exist (31 April, 29 February in a common year) are never
 * produced: RFC 5545 says to skip them, not to move them.
 */
import type { RecurrenceRule } from "./rule.ts";

/** A calendar date; month 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01, in integer arithmetic (H. Hinnant's days_from_civil): this runs thousands of times per search. */
export function epochDay({ year, month, day }: LocalDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of epochDay (civil_from_days). */
export function dateOfEpochDay(days: number): LocalDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1,
  };
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (year: number, month: number) =>
  month === 2 && isLeap(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);

/** ISO weekday, Monday 1 to Sunday 7 (1970-01-01 was a Thursday). */
export const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * How many periods (days, weeks, months or years) to look through before
 * giving up: about 2 ms of CPU for a rule that never matches (30 February),
 * and enough for every rule a person writes (29 February daily needs up to
 * 2,922 days). A rule rarer than that is treated as ended, and refused when
 * it is set (schemas.ts).
 */
export const MAX_PERIODS = 4000;
const LAST_YEAR = 9999;

/** The days of one month the rule's BYMONTHDAY and BYDAY select (intersected when both are given). */
function daysOfMonth(rule: RecurrenceRule, year: number, month: number, anchorDay: number): number[] {
  const length = daysInMonth(year, month);
  const byMonthDay = rule.byMonthDay
    .map((day) => (day > 0 ? day : length + 1 + day))
    .filter((d) => d >= 1 && d <= length);
  if (rule.byDay.length === 0) {
    return rule.byMonthDay.length > 0 ? byMonthDay : anchorDay <= length ? [anchorDay] : [];
  }
  const firstWeekday = isoWeekday(epochDay({ year, month, day: 1 }));
  const byDay: number[] = [];
  for (const { weekday, ordinal } of rule.byDay) {
    const first = 1 + ((weekday - firstWeekday + 7) % 7);
    const all: number[] = [];
    for (let day = first; day <= length; day += 7) all.push(day);
    const picked = ordinal === 0 ? all : [ordinal > 0 ? all[ordinal - 1] : all[all.length + ordinal]];
    for (const day of picked) if (day !== undefined) byDay.push(day);
  }
  return rule.byMonthDay.length > 0 ? byDay.filter((day) => byMonthDay.includes(day)) : byDay;
}

const sortedUnique = (days: number[]) => [...new Set(days)].sort((a, b) => a - b);
const inMonths = (rule: RecurrenceRule, month: number) => rule.byMonth.length === 0 || rule.byMonth.includes(month);

/** The dates of the period `index` intervals after the anchor's, in order. */
function periodDates(rule: RecurrenceRule, anchor: LocalDate, index: number): LocalDate[] {
  const step = index * rule.interval;
  switch (rule.freq) {
    case "DAILY": {
      const date = dateOfEpochDay(epochDay(anchor) + step);
      const length = daysInMonth(date.year, date.month);
      const weekday = isoWeekday(epochDay(date));
      const keep =
        inMonths(rule, date.month) &&
        (rule.byMonthDay.length === 0 || rule.byMonthDay.some((d) => d === date.day || d === date.day - length - 1)) &&
        (rule.byDay.length === 0 || rule.byDay.some((d) => d.weekday === weekday));
      return keep ? [date] : [];
    }
    case "WEEKLY": {
      const anchorDay = epochDay(anchor);
      const monday = anchorDay - (isoWeekday(anchorDay) - 1) + 7 * step;
      const weekdays = rule.byDay.length > 0 ? rule.byDay.map((d) => d.weekday) : [isoWeekday(anchorDay)];
      return sortedUnique(weekdays)
        .map((weekday) => dateOfEpochDay(monday + weekday - 1))
        .filter((date) => inMonths(rule, date.month));
    }
    case "MONTHLY": {
      const months = anchor.year * 12 + anchor.month - 1 + step;
      const year = Math.floor(months / 12);
      const month = (months % 12) + 1;
      if (!inMonths(rule, month)) return [];
      return sortedUnique(daysOfMonth(rule, year, month, anchor.day)).map((day) => ({ year, month, day }));
    }
    case "YEARLY": {
      const year = anchor.year + step;
      const expandsMonths = rule.byMonthDay.length > 0 || rule.byDay.length > 0;
      const months =
        rule.byMonth.length > 0
          ? sortedUnique(rule.byMonth)
          : expandsMonths
            ? [...Array(12).keys()].map((m) => m + 1)
            : [anchor.month];
      return months.flatMap((month) =>
        sortedUnique(daysOfMonth(rule, year, month, anchor.day)).map((day) => ({ year, month, day })),
      );
    }
  }
}

/** The year a period starts in, near enough to stop a search that has passed 9999. */
function periodYear(rule: RecurrenceRule, anchor: LocalDate, index: number): number {
  const perYear = { DAILY: 366, WEEKLY: 53, MONTHLY: 12, YEARLY: 1 }[rule.freq];
  return anchor.year + Math.floor((index * rule.interval) / perYear);
}

/** False when no BYMONTHDAY fits any BYMONTH even in a leap year (30 February), so no search is needed. */
function fitsSomeMonth(rule: RecurrenceRule): boolean {
  if (rule.byMonthDay.length === 0) return true;
  const months = rule.byMonth.length > 0 ? rule.byMonth : [1];
  return months.some((month) => rule.byMonthDay.some((day) => Math.abs(day) <= daysInMonth(2000, month)));
}

const after = (a: LocalDate, b: LocalDate) =>
  a.year !== b.year ? a.year > b.year : a.month !== b.month ? a.month > b.month : a.day > b.day;

/**
 * The first date the rule, started on `anchor`, produces strictly after
 * `anchor`; null when there is none by the year 9999 or within MAX_PERIODS.
 */
export function nextDate(rule: RecurrenceRule, anchor: LocalDate): LocalDate | null {
  if (!fitsSomeMonth(rule)) return null;
  for (let index = 0; index < MAX_PERIODS; index++) {
    const dates = periodDates(rule, anchor, index);
    for (const date of dates) {
      if (date.year > LAST_YEAR) return null;
      if (after(date, anchor)) return date;
    }
    if (dates.length === 0 && periodYear(rule, anchor, index) > LAST_YEAR) return null;
  }
  return null;
}
