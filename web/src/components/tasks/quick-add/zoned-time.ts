/**
 * Wall-clock time in an IANA time zone, with Intl only (no Temporal, no
 * library): what calendar day it is somewhere, and which instant a local date
 * and time there names, across clock changes. The zone arithmetic is the
 * API's own (worker/src/recurrence/time-zone.ts, through `#api/client`), so
 * quick add and repeating tasks agree on every clock change.
 */
import { instantAt, wallClockAt } from "#api/client";

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface WallTime {
  hour: number;
  minute: number;
}

/** The zone's calendar date, wall time and weekday (0 = Sunday) at `instant`. */
export function wallClock(instant: number, timeZone: string) {
  const { year, month, day, hour, minute, second } = wallClockAt(timeZone, instant);
  return {
    date: { year, month, day },
    time: { hour, minute, second },
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/**
 * The instant at which the zone's clocks show `date` `time`. A time skipped
 * when clocks go forward resolves to the same distance past the change (02:30
 * becomes 03:30); a time that happens twice when they go back is the first.
 */
export function instantOf(date: CalendarDate, time: WallTime, timeZone: string): number {
  return instantAt(timeZone, { ...date, ...time, second: 0, millisecond: 0 });
}

/** `date` moved by `days` on the calendar. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Whether year-month-day names a real day (no 30 February). */
export function isRealDate({ year, month, day }: CalendarDate): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Day-of-year order, for comparing calendar dates. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

/** English month names, January first: quick add's date labels and the yearly repeat preset. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
