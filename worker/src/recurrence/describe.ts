/**
 * A rule in words, for the dashboard ("every 2 weeks on Tue, Thu"). No zod
 * and no Intl, so the island can import it with `parseRule` cheaply.
 */
import type { ByDay, RecurrenceRule } from "./rule.ts";

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ORDINALS = ["", "first", "second", "third", "fourth", "fifth"];
const UNITS = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" } as const;

const dayName = (weekday: number) => DAY_NAMES[weekday - 1] ?? "";

function byDayText(day: ByDay): string {
  if (day.ordinal === 0) return dayName(day.weekday);
  if (day.ordinal === -1) return `the last ${dayName(day.weekday)}`;
  const ordinal = ORDINALS[Math.abs(day.ordinal)] ?? "";
  return day.ordinal > 0 ? `the ${ordinal} ${dayName(day.weekday)}` : `the ${ordinal}-to-last ${dayName(day.weekday)}`;
}

const monthDayText = (day: number) =>
  day === -1 ? "the last day" : day > 0 ? `day ${day}` : `${-day} days before the end`;

/** English words for a parsed rule, e.g. "every month on the last Fri, 6 times". */
export function describeRule(rule: RecurrenceRule): string {
  const unit = UNITS[rule.freq];
  const weekdaysOnly =
    rule.byDay.length === 5 && rule.byDay.every((d) => d.ordinal === 0 && d.weekday <= 5) && rule.interval === 1;
  const parts: string[] = [];
  if (weekdaysOnly && (rule.freq === "DAILY" || rule.freq === "WEEKLY")) parts.push("every weekday");
  else {
    parts.push(rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`);
    if (rule.byDay.length > 0)
      parts.push(
        `on ${[...rule.byDay]
          .sort((a, b) => a.weekday - b.weekday)
          .map(byDayText)
          .join(", ")}`,
      );
  }
  if (rule.byMonthDay.length > 0) parts.push(`on ${rule.byMonthDay.map(monthDayText).join(", ")}`);
  if (rule.byMonth.length > 0)
    parts.push(
      `in ${[...rule.byMonth]
        .sort((a, b) => a - b)
        .map((m) => MONTH_NAMES[m - 1])
        .join(", ")}`,
    );
  let text = parts.join(" ");
  if (rule.count !== null) text += rule.count === 1 ? ", once" : `, ${rule.count} times`;
  if (rule.until?.kind === "date") {
    const { year, month, day } = rule.until;
    text += `, until ${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  } else if (rule.until?.kind === "instant") {
    text += `, until ${new Date(rule.until.epochMs).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
  return text;
}
