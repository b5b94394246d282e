/**
 * Every sentence the dashboard says about a change: what it announces to
 * screen readers when a change is saved, and what it shows when one is not.
 * Kept in one place so the same event is always worded the same way.
 */
import type { Deletion } from "./undo-offer.ts";
import type { ViewQuery } from "./view-query.ts";

const tasks = (n: number) => `${n} ${n === 1 ? "task" : "tasks"}`;
const size = (d: Deletion) => (d.kind === "task" ? 1 : d.count);
const onlyTask = (deletions: Deletion[]) => {
  const [only] = deletions;
  return deletions.length === 1 && only?.kind === "task" ? only.placed.task : null;
};

export const said = {
  added: (title: string) => `Added “${title}”.`,
  saved: (title: string) => `Saved “${title}”.`,
  marked: (title: string, completed: boolean) => `“${title}” marked ${completed ? "complete" : "not complete"}.`,
  markedAll: (count: number, completed: boolean) =>
    `Marked ${tasks(count)} ${completed ? "complete" : "not complete"}.`,
  /** "Deleted “x”." or "Deleted N tasks." */
  deleted(deletions: Deletion[]): string {
    const task = onlyTask(deletions);
    return task ? `Deleted “${task.title}”.` : `Deleted ${tasks(deletions.reduce((n, d) => n + size(d), 0))}.`;
  },
  restored(deletions: Deletion[]): string {
    const task = onlyTask(deletions);
    return task ? `Restored “${task.title}”.` : `Restored ${deletions.reduce((n, d) => n + size(d), 0)} tasks.`;
  },
  changedElsewhere: (title: string) =>
    `“${title}” was changed elsewhere, so your change was not saved. It now shows the latest version; make your change again if you still want it.`,
};

/** What a failure says when the API gave no words of its own. */
export const failed = {
  anything: "Something went wrong. Please try again.",
  load: "Could not load your tasks.",
  loadMore: "Could not load more tasks.",
  add: "Could not add the task.",
  update: "Could not update the task.",
  save: "Could not save the task.",
  updateAll: "Could not update the tasks.",
  remove: "Could not delete the task.",
  clear: "Could not clear the completed tasks.",
  restore: "Could not restore the task.",
  restoreAll: "Could not restore the tasks.",
};

/** What an empty list says, for the view it shows. */
export function emptyText(query: ViewQuery, loading: boolean): string {
  if (loading) return "Loading your tasks…";
  if (query.q) return "No tasks match your search.";
  if (query.priority || query.tag || (query.due && query.view === "all")) return "No tasks match these filters.";
  if (query.view === "today") return "Nothing due today.";
  if (query.view === "upcoming") return "Nothing due in the next 7 days.";
  return query.filter === "all" ? "No tasks yet. Add your first one above." : `No ${query.filter} tasks.`;
}
