/**
 * Wall-clock time in an IANA time zone, with Intl only (no Temporal, no
 * library): what calendar day it is somewhere, and which instant a local date
 * and time there names, across clock changes.
 */

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's calendar date, wall time and weekday (0 = Sunday) at `instant`. */
export function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? "");
  return {
    date: { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) },
    time: { hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) },
    weekday,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const { date, time } = wallClock(instant, timeZone);
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show `date` `time`. A time skipped
 * when clocks go forward resolves to the same distance past the change (02:30
 * becomes 03:30); a time that happens twice when they go back is the first.
 */
export function instantOf(date: CalendarDate, time: WallTime, timeZone: string): number {
  const local = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const earlier = local - offsetAt(local - 86_400_000, timeZone);
  const later = local - offsetAt(local + 86_400_000, timeZone);
  const matches = (candidate: number) => candidate + offsetAt(candidate, timeZone) === local;
  const first = Math.min(earlier, later);
  const second = Math.max(earlier, later);
  if (matches(first)) return first;
  if (matches(second)) return second;
  // Skipped: clocks jumped over it, so read it with the offset from before the jump.
  return local - offsetAt(local - 86_400_000, timeZone);
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
