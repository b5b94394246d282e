/**
 * Quick add: the new-task box reads a small syntax and shows what it
 * understood as chips before the task is added (spec 003, "Quick add").
 *
 *   #tag            a tag (several allowed)
 *   !high !medium !low   the priority
 *   today, tomorrow, monday…sunday (or mon…sun: the next one, never today),
 *   next week (next Monday), 2026-12-24, 24 Dec, Dec 24    the due date
 *   9am, 9:30pm, 14:30                                      the due time
 *   "quoted words"  kept literally in the title
 *
 * Only the first date and the first time count; later ones stay in the title.
 * A date without a time is due at the end of that day (23:59); a time without
 * a date is today, or tomorrow once that time has passed. Dates and times are
 * the person's own wall clock, in their time zone.
 */
import {
  addDays,
  type CalendarDate,
  compareDates,
  instantOf,
  isRealDate,
  MONTH_NAMES,
  type WallTime,
  wallClock,
} from "./zoned-time.ts";

export type Priority = "low" | "medium" | "high";

/** One thing the box understood, with where it was typed (to remove it, see `keepLiteral`). */
export interface Chip {
  kind: "tag" | "priority" | "date" | "time";
  /** What the chip says, e.g. "#home", "High priority", "Tomorrow". */
  label: string;
  start: number;
  end: number;
}

export interface QuickAdd {
  title: string;
  tags: string[];
  priority: Priority | null;
  /** The due instant, as ISO 8601 UTC, or null. */
  dueAt: string | null;
  chips: Chip[];
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TAG = /^#([\p{L}\p{N}_-]{1,50})$/u;
const PRIORITY = /^!(high|medium|low)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TWELVE_HOUR = /^(\d{1,2})(?::([0-5]\d))?(am|pm)$/i;
const TWENTY_FOUR_HOUR = /^([01]?\d|2[0-3]):([0-5]\d)$/;

interface Word {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** Words and quoted phrases, with their positions in the input. */
function words(input: string): Word[] {
  const found: Word[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(input); match; match = pattern.exec(input)) {
    const quoted = match[1] !== undefined;
    found.push({
      text: quoted ? (match[1] ?? "") : (match[2] ?? ""),
      start: match.index,
      end: pattern.lastIndex,
      quoted,
    });
  }
  return found;
}

function monthIndex(word: string): number {
  const lower = word.toLowerCase();
  return lower.length >= 3
    ? MONTHS.findIndex((month) => lower.startsWith(month) && month.startsWith(lower.slice(0, 3)))
    : -1;
}

function weekdayIndex(word: string): number {
  const lower = word.toLowerCase();
  return lower.length >= 3 ? WEEKDAYS.findIndex((day) => day.startsWith(lower)) : -1;
}

function dateLabel(date: CalendarDate, today: CalendarDate): string {
  const days = Math.round(compareDates(date, today) / 86_400_000);
  if (days === 0) return "Today";
  if (days === 1) return "Tomorrow";
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? "";
  const name = `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)} ${date.day} ${MONTH_NAMES[date.month - 1]}`;
  return date.year === today.year ? name : `${name} ${date.year}`;
}

/** A date at `index` (one or two words), or null. */
function dateAt(
  list: Word[],
  index: number,
  today: CalendarDate,
  weekday: number,
): { date: CalendarDate; used: number } | null {
  const word = list[index];
  const next = list[index + 1];
  if (!word || word.quoted) return null;
  const lower = word.text.toLowerCase();
  if (lower === "today") return { date: today, used: 1 };
  if (lower === "tomorrow") return { date: addDays(today, 1), used: 1 };
  if (lower === "next" && next && !next.quoted && next.text.toLowerCase() === "week") {
    return { date: addDays(today, (8 - weekday) % 7 || 7), used: 2 };
  }
  const day = weekdayIndex(word.text);
  if (day >= 0) return { date: addDays(today, (day - weekday + 7) % 7 || 7), used: 1 };
  const iso = ISO_DATE.exec(word.text);
  if (iso) {
    const date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    return isRealDate(date) ? { date, used: 1 } : null;
  }
  // "24 Dec" or "Dec 24": the next such day, this year or next.
  if (next && !next.quoted) {
    const [dayText, monthText] = /^\d{1,2}$/.test(word.text) ? [word.text, next.text] : [next.text, word.text];
    const month = /^\d{1,2}$/.test(dayText) ? monthIndex(monthText) : -1;
    if (month >= 0) {
      for (const year of [today.year, today.year + 1]) {
        const date = { year, month: month + 1, day: Number(dayText) };
        if (isRealDate(date) && compareDates(date, today) >= 0) return { date, used: 2 };
      }
    }
  }
  return null;
}

function timeAt(word: Word | undefined): WallTime | null {
  if (!word || word.quoted) return null;
  const twelve = TWELVE_HOUR.exec(word.text);
  if (twelve) {
    const hour = Number(twelve[1]);
    if (hour < 1 || hour > 12) return null;
    const pm = (twelve[3] ?? "").toLowerCase() === "pm";
    return { hour: (hour % 12) + (pm ? 12 : 0), minute: Number(twelve[2] ?? 0) };
  }
  const twentyFour = TWENTY_FOUR_HOUR.exec(word.text);
  return twentyFour ? { hour: Number(twentyFour[1]), minute: Number(twentyFour[2]) } : null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Reads `input` as of `now` in `timeZone` (the browser's, by default). */
export function parseQuickAdd(input: string, now: number, timeZone: string): QuickAdd {
  const list = words(input);
  const clock = wallClock(now, timeZone);
  const today = clock.date;
  const title: string[] = [];
  const tags: string[] = [];
  const chips: Chip[] = [];
  let priority: Priority | null = null;
  let date: CalendarDate | null = null;
  let time: WallTime | null = null;

  for (let index = 0; index < list.length; index++) {
    const word = list[index] as Word;
    const tag = word.quoted ? null : TAG.exec(word.text);
    if (tag) {
      const name = tag[1] ?? "";
      if (!tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
      chips.push({ kind: "tag", label: `#${name}`, start: word.start, end: word.end });
      continue;
    }
    const wanted = word.quoted ? null : PRIORITY.exec(word.text);
    if (wanted && !priority) {
      priority = (wanted[1] ?? "").toLowerCase() as Priority;
      chips.push({
        kind: "priority",
        label: `${priority.charAt(0).toUpperCase()}${priority.slice(1)} priority`,
        start: word.start,
        end: word.end,
      });
      continue;
    }
    const found: { date: CalendarDate; used: number } | null = date ? null : dateAt(list, index, today, clock.weekday);
    if (found) {
      date = found.date;
      const last = list[index + found.used - 1] as Word;
      chips.push({ kind: "date", label: dateLabel(found.date, today), start: word.start, end: last.end });
      index += found.used - 1;
      continue;
    }
    const at: WallTime | null = time ? null : timeAt(word);
    if (at) {
      time = at;
      chips.push({ kind: "time", label: `${pad(at.hour)}:${pad(at.minute)}`, start: word.start, end: word.end });
      continue;
    }
    title.push(word.text);
  }

  let dueAt: string | null = null;
  if (date || time) {
    let day = date ?? today;
    const at = time ?? { hour: 23, minute: 59 };
    if (!date && instantOf(day, at, timeZone) <= now) day = addDays(day, 1);
    dueAt = new Date(instantOf(day, at, timeZone)).toISOString();
  }
  return { title: title.join(" ").trim(), tags, priority, dueAt, chips };
}

/** The input with one chip's words quoted, so they read as plain title text (removing the chip). */
export function keepLiteral(input: string, chip: Chip): string {
  return `${input.slice(0, chip.start)}"${input.slice(chip.start, chip.end)}"${input.slice(chip.end)}`;
}
