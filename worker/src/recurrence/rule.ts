/**
 * The RRULE subset tasks accept (issue 15), parsed into a plain object.
 * Written by hand rather than with an RRULE library: the subset is small, and
 * `rrule-temporal` with `temporal-polyfill` would cost about 70 KiB gzipped
 * of the API's 100 KiB budget (ADR 0011). Anything outside the subset is an
 * error whose message says what is wrong; the schema reports it at `repeat`.
 */

export const FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** ISO weekday numbers: Monday is 1, Sunday 7. */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** One BYDAY entry: `ordinal` 0 means every such weekday; 1..5 or -1..-5 the nth (from the end) in the month. */
export interface ByDay {
  weekday: number;
  ordinal: number;
}

/** UNTIL as an instant (`…T…Z`), or as a local date (`YYYYMMDD`, inclusive) in the task's time zone. */
export type Until = { kind: "instant"; epochMs: number } | { kind: "date"; year: number; month: number; day: number };

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  byDay: ByDay[];
  byMonthDay: number[];
  byMonth: number[];
  count: number | null;
  until: Until | null;
}

export type ParsedRule = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

/** Longest rule text accepted: every part at its longest is well under this. */
export const MAX_RULE_LENGTH = 256;
export const MAX_INTERVAL = 999;
export const MAX_COUNT = 1000;

const SUPPORTED = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL"];
const positive = (text: string, max: number) =>
  /^[1-9]\d{0,3}$/.test(text) && Number(text) <= max ? Number(text) : null;

function list<T>(value: string, item: (text: string) => T | null): T[] | null {
  const items: T[] = [];
  for (const text of value.split(",")) {
    const parsed = item(text);
    if (parsed === null) return null;
    items.push(parsed);
  }
  return items;
}

function byDayItem(text: string): ByDay | null {
  const match = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(text);
  if (!match?.[2]) return null;
  return { ordinal: match[1] ? Number(match[1]) : 0, weekday: WEEKDAYS.indexOf(match[2] as "MO") + 1 };
}

function monthDayItem(text: string): number | null {
  if (!/^-?[1-9]\d?$/.test(text)) return null;
  const day = Number(text);
  return Math.abs(day) <= 31 ? day : null;
}

const monthItem = (text: string) => (/^(?:[1-9]|1[0-2])$/.test(text) ? Number(text) : null);

function until(text: string): Until | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (match[4] === undefined) return { kind: "date", year, month, day };
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { kind: "instant", epochMs: Date.UTC(year, month - 1, day, hour, minute, second) };
}

const unique = <T>(items: T[], key: (item: T) => string | number) =>
  items.filter((item, index) => items.findIndex((other) => key(other) === key(item)) === index);

/** Parses an RRULE value (no `RRULE:` prefix) in the supported subset; names are case-insensitive. */
export function parseRule(text: string): ParsedRule {
  const fail = (message: string): ParsedRule => ({ ok: false, message });
  if (text.length > MAX_RULE_LENGTH) return fail(`Must be at most ${MAX_RULE_LENGTH} characters`);
  const source = text.trim().toUpperCase();
  if (source.startsWith("RRULE:")) return fail("Must be the RRULE value without the RRULE: prefix");
  const parts = new Map<string, string>();
  for (const part of source.split(";")) {
    const [name, value, extra] = part.split("=");
    if (!name || value === undefined || value === "" || extra !== undefined) {
      return fail(`"${part}" is not NAME=VALUE`);
    }
    if (!SUPPORTED.includes(name)) return fail(`${name} is not supported; use ${SUPPORTED.join(", ")}`);
    if (parts.has(name)) return fail(`${name} is given twice`);
    parts.set(name, value);
  }
  const freq = parts.get("FREQ");
  if (freq === undefined) return fail("FREQ is required");
  if (!(FREQUENCIES as readonly string[]).includes(freq)) return fail(`FREQ must be one of ${FREQUENCIES.join(", ")}`);
  const rule: RecurrenceRule = {
    freq: freq as Frequency,
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    count: null,
    until: null,
  };
  const interval = parts.get("INTERVAL");
  if (interval !== undefined) {
    const value = positive(interval, MAX_INTERVAL);
    if (value === null) return fail(`INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}`);
    rule.interval = value;
  }
  const byDay = parts.get("BYDAY");
  if (byDay !== undefined) {
    const days = list(byDay, byDayItem);
    if (!days) return fail("BYDAY must list weekdays (MO…SU), with ordinals such as 1MO or -1FR for MONTHLY");
    const ordinalsAllowed = rule.freq === "MONTHLY" || (rule.freq === "YEARLY" && parts.has("BYMONTH"));
    if (!ordinalsAllowed && days.some((day) => day.ordinal !== 0)) {
      return fail("BYDAY ordinals such as 1MO or -1FR need FREQ=MONTHLY (or YEARLY with BYMONTH)");
    }
    rule.byDay = unique(days, (day) => `${day.ordinal}${day.weekday}`);
  }
  const byMonthDay = parts.get("BYMONTHDAY");
  if (byMonthDay !== undefined) {
    if (rule.freq === "WEEKLY") return fail("BYMONTHDAY cannot be used with FREQ=WEEKLY");
    const days = list(byMonthDay, monthDayItem);
    if (!days) return fail("BYMONTHDAY must list days from 1 to 31 or -31 to -1");
    rule.byMonthDay = unique(days, (day) => day);
  }
  const byMonth = parts.get("BYMONTH");
  if (byMonth !== undefined) {
    const months = list(byMonth, monthItem);
    if (!months) return fail("BYMONTH must list months from 1 to 12");
    rule.byMonth = unique(months, (month) => month);
  }
  const count = parts.get("COUNT");
  if (count !== undefined && parts.has("UNTIL")) return fail("COUNT and UNTIL cannot both be given");
  if (count !== undefined) {
    rule.count = positive(count, MAX_COUNT);
    if (rule.count === null) return fail(`COUNT must be a whole number from 1 to ${MAX_COUNT}`);
  }
  const untilText = parts.get("UNTIL");
  if (untilText !== undefined) {
    rule.until = until(untilText);
    if (rule.until === null) return fail("UNTIL must be a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)");
  }
  return { ok: true, rule };
}
