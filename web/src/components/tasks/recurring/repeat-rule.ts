/**
 * The repeat picker's logic, without React: the presets a due date offers
 * ("Weekly on Tuesday", "Monthly on the last Friday"), the custom builder's
 * fields, and the RRULE text each writes. Rules are compared as the API's own
 * parser reads them (`parseRule`, through `#api/client`), so "freq=weekly"
 * and "FREQ=WEEKLY" are the same preset.
 */
import { describeRule, type Frequency, parseRule, type RecurrenceRule, WEEKDAYS } from "#api/client";
import { MONTH_NAMES } from "../quick-add/zoned-time.ts";

export type Weekday = (typeof WEEKDAYS)[number];

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** RRULE text for a parsed rule, parts in a fixed order: the inverse of `parseRule`. */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length > 0)
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal || ""}${WEEKDAYS[d.weekday - 1]}`).join(",")}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(",")}`);
  if (rule.byMonth.length > 0) parts.push(`BYMONTH=${rule.byMonth.join(",")}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  const until = rule.until;
  if (until?.kind === "date")
    parts.push(`UNTIL=${String(until.year).padStart(4, "0")}${pad(until.month)}${pad(until.day)}`);
  else if (until?.kind === "instant")
    parts.push(`UNTIL=${new Date(until.epochMs).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`);
  return parts.join(";");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The same rule in one spelling (parts and list items in order), or null when the API would refuse it. */
export function canonicalRule(text: string): string | null {
  const parsed = parseRule(text);
  if (!parsed.ok) return null;
  const { rule } = parsed;
  const byNumber = (a: number, b: number) => a - b;
  return formatRule({
    ...rule,
    byDay: [...rule.byDay].sort((a, b) => a.weekday - b.weekday || a.ordinal - b.ordinal),
    byMonthDay: [...rule.byMonthDay].sort(byNumber),
    byMonth: [...rule.byMonth].sort(byNumber),
  });
}

/** A due date's calendar day in `timeZone`: ISO weekday (Monday 1), day of month, month, and whether it is the month's last such weekday. */
export function dueDay(dueAt: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    weekday: "short",
  }).formatToParts(new Date(dueAt));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const [year, month, day] = [Number(part("year")), Number(part("month")), Number(part("day"))];
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday")) + 1;
  return { year, month, day, weekday };
}

export interface Preset {
  id: "daily" | "weekdays" | "weekly" | "monthly-day" | "monthly-last" | "yearly";
  label: string;
  rule: string;
}

/** The presets for a task due at `dueAt`, worded for its day in `timeZone`. */
export function presets(dueAt: string, timeZone: string): Preset[] {
  const { month, day, weekday } = dueDay(dueAt, timeZone);
  const code = WEEKDAYS[weekday - 1] ?? "MO";
  const name = WEEKDAY_NAMES[weekday - 1] ?? "";
  return [
    { id: "daily", label: "Daily", rule: "FREQ=DAILY" },
    { id: "weekdays", label: "Every weekday (Monday to Friday)", rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
    { id: "weekly", label: `Weekly on ${name}`, rule: `FREQ=WEEKLY;BYDAY=${code}` },
    { id: "monthly-day", label: `Monthly on day ${day}`, rule: `FREQ=MONTHLY;BYMONTHDAY=${day}` },
    { id: "monthly-last", label: `Monthly on the last ${name}`, rule: `FREQ=MONTHLY;BYDAY=-1${code}` },
    {
      id: "yearly",
      label: `Yearly on ${day} ${MONTH_NAMES[month - 1]}`,
      rule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`,
    },
  ];
}

/** What the picker shows for a rule: "none", a preset's id, or "custom". */
export type RepeatChoice = "none" | Preset["id"] | "custom";

export function choiceOf(repeat: string | null, offered: Preset[]): RepeatChoice {
  if (repeat === null) return "none";
  const rule = canonicalRule(repeat);
  return offered.find((p) => canonicalRule(p.rule) === rule)?.id ?? "custom";
}

/** The custom builder's fields. `until` is a local date, `YYYY-MM-DD` (inclusive, in the task's zone). */
export interface CustomRepeat {
  freq: Frequency;
  interval: number;
  /** For WEEKLY: the days of the week. */
  weekdays: Weekday[];
  end: "never" | "count" | "until";
  count: number;
  until: string;
}

/** The custom builder's starting point: the task's rule where it can show it, else weekly on the due day (Monday with none). */
export function customFields(repeat: string | null, dueAt: string, timeZone: string): CustomRepeat {
  const fields: CustomRepeat = {
    freq: "WEEKLY",
    interval: 1,
    weekdays: [(dueAt ? WEEKDAYS[dueDay(dueAt, timeZone).weekday - 1] : undefined) ?? "MO"],
    end: "never",
    count: 10,
    until: "",
  };
  const parsed = repeat === null ? null : parseRule(repeat);
  if (!parsed?.ok) return fields;
  const { rule } = parsed;
  const plainDays = rule.byDay.filter((d) => d.ordinal === 0).map((d) => WEEKDAYS[d.weekday - 1] as Weekday);
  return {
    ...fields,
    freq: rule.freq,
    interval: rule.interval,
    weekdays: rule.freq === "WEEKLY" && plainDays.length > 0 ? plainDays : fields.weekdays,
    end: rule.count !== null ? "count" : rule.until !== null ? "until" : "never",
    count: rule.count ?? fields.count,
    until:
      rule.until?.kind === "date"
        ? `${rule.until.year}-${pad(rule.until.month)}-${pad(rule.until.day)}`
        : rule.until?.kind === "instant"
          ? new Date(rule.until.epochMs).toISOString().slice(0, 10)
          : "",
  };
}

/** RRULE text for the custom builder's fields (weekdays only for WEEKLY; an empty end field means no end). */
export function customRule(fields: CustomRepeat): string {
  const parts = [`FREQ=${fields.freq}`];
  if (fields.interval > 1) parts.push(`INTERVAL=${Math.trunc(fields.interval)}`);
  if (fields.freq === "WEEKLY" && fields.weekdays.length > 0) {
    const days = WEEKDAYS.filter((d) => fields.weekdays.includes(d));
    parts.push(`BYDAY=${days.join(",")}`);
  }
  if (fields.end === "count" && fields.count >= 1) parts.push(`COUNT=${Math.trunc(fields.count)}`);
  if (fields.end === "until" && /^\d{4}-\d{2}-\d{2}$/.test(fields.until))
    parts.push(`UNTIL=${fields.until.replaceAll("-", "")}`);
  return parts.join(";");
}

/** The rule in words ("every 2 weeks on Tue, Thu"), or null for no rule or one the API would refuse. */
export function repeatWords(repeat: string | null): string | null {
  if (repeat === null) return null;
  const parsed = parseRule(repeat);
  return parsed.ok ? describeRule(parsed.rule) : null;
}
