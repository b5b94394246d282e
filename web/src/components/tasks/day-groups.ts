/**
 * The Today and Upcoming views' headings: Today splits its tasks into
 * "Overdue" and "Today"; Upcoming groups them by local day, "Tomorrow" then
 * "Thursday 3 December". Pure, so it is unit-tested in Node at fixed instants.
 */
import { addDays, compareDates, wallClock } from "./quick-add/zoned-time.ts";
import type { Task } from "./types.ts";
import type { View } from "./view-query.ts";

export interface DayGroup {
  key: string;
  label: string;
  tasks: Task[];
}

const dayNames = new Map<string, Intl.DateTimeFormat>();

function dayName(instant: number, timeZone: string): string {
  let format = dayNames.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone });
    dayNames.set(timeZone, format);
  }
  return format.format(instant).replace(",", "");
}

/** `tasks` (in due order) under headings, or null for views without them. */
export function groupByDay(view: View, tasks: Task[], now: number, timeZone: string): DayGroup[] | null {
  if (view === "all") return null;
  const today = wallClock(now, timeZone).date;
  const groups: DayGroup[] = [];
  for (const task of tasks) {
    const due = task.dueAt ? Date.parse(task.dueAt) : Number.NaN;
    let key: string;
    let label: string;
    if (Number.isNaN(due)) {
      key = "none";
      label = "No due date";
    } else if (view === "today") {
      [key, label] = due < now ? ["overdue", "Overdue"] : ["today", "Today"];
    } else {
      const date = wallClock(due, timeZone).date;
      key = `${date.year}-${date.month}-${date.day}`;
      const days = Math.round(compareDates(date, today) / 86_400_000);
      label = days === 0 ? "Today" : compareDates(date, addDays(today, 1)) === 0 ? "Tomorrow" : dayName(due, timeZone);
    }
    const last = groups.at(-1);
    if (last?.key === key) last.tasks.push(task);
    else groups.push({ key, label, tasks: [task] });
  }
  return groups;
}
