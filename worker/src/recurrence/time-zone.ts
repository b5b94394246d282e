/**
 * Wall-clock time in an IANA time zone, on `Intl.DateTimeFormat` and `Date`
 * alone: no Temporal (a runtime's built-in one once read 1970, and the
 * polyfill costs ~19 KiB gzipped), and "now" is never read here at all.
 */

/** A local date and time of day, as on a wall clock in some zone. Months 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const MAX_TIME_ZONE_LENGTH = 64;
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
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * True for an IANA zone name the runtime knows, e.g. `Europe/Berlin` or `UTC`.
 * Offsets such as `+01:00` or `GMT+1` are refused: they have no clock changes,
 * and Postgres reads POSIX offsets with the opposite sign.
 */
export function isTimeZone(name: string): boolean {
  if (name.length > MAX_TIME_ZONE_LENGTH) return false;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || /^(UTC|GMT)?[+-]/i.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at an instant (milliseconds since the epoch). */
export function wallClockAt(timeZone: string, epochMs: number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

const asUtc = (clock: WallClock) =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);

/** How far `timeZone` is ahead of UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, epochMs: number): number {
  return asUtc(wallClockAt(timeZone, epochMs)) - epochMs;
}

/**
 * The instant a wall-clock time names in `timeZone`, resolved as RFC 5545
 * (and Temporal's "compatible") does: a time that occurs twice, when clocks go
 * back, is the earlier one; a time that does not exist, when clocks go
 * forward, is read with the offset before the gap, i.e. moved later by the gap.
 * Assumes at most one offset change within a day either side, as in every zone.
 */
export function instantAt(timeZone: string, clock: WallClock): number {
  const local = asUtc(clock);
  const day = 86_400_000;
  const before = offsetAt(timeZone, local - day);
  const after = offsetAt(timeZone, local + day);
  const valid = [local - before, local - after].filter((instant) => offsetAt(timeZone, instant) === local - instant);
  if (valid.length > 0) return Math.min(...valid);
  return local - before;
}
