/**
 * Pure helpers over the dashboard's list: counts after a change, what a
 * status filter shows, putting tasks back where they were, and the words of
 * a problem answer. No React and no requests, so each is easy to reason about.
 */
import type { Task, TaskCounts } from "./types.ts";
import { statusOf, type ViewQuery } from "./view-query.ts";

/** The counts after `removed` left the list and `added` joined it. */
export function countsAfter(counts: TaskCounts, removed: Task[], added: Task[] = []): TaskCounts {
  const next = { ...counts };
  for (const task of removed) {
    next.all--;
    next[task.completed ? "completed" : "pending"]--;
  }
  for (const task of added) {
    next.all++;
    next[task.completed ? "completed" : "pending"]++;
  }
  return next;
}

/** Does a task belong in the current view's status filter (Today and Upcoming: open tasks only)? */
export function visibleIn(query: ViewQuery, task: Task): boolean {
  const status = statusOf(query);
  return status === "all" || (status === "completed") === task.completed;
}

/** A task with where it stood in the list, so it can go back there. */
export interface Placed {
  task: Task;
  index: number;
}

/** Where each of `tasks` stands in `list` (tasks not in it go first). */
export function placesOf(list: Task[], tasks: Task[]): Placed[] {
  return tasks.map((task) => ({
    task,
    index: Math.max(
      list.findIndex((t) => t.id === task.id),
      0,
    ),
  }));
}

/** `list` with `placed` put back at their former places (not repeated if already there). */
export function putBack(list: Task[], placed: Placed[]): Task[] {
  const next = list.filter((t) => !placed.some((p) => p.task.id === t.id));
  for (const { task, index } of [...placed].sort((a, b) => a.index - b.index)) {
    next.splice(Math.min(index, next.length), 0, task);
  }
  return next;
}

/** A problem's words for a person: its field errors, else its detail, else `fallback`. */
export function problemDetail(body: unknown, fallback: string): string {
  const problem = (body ?? {}) as { detail?: unknown; errors?: { detail: string }[] };
  if (Array.isArray(problem.errors) && problem.errors.length > 0) return problem.errors.map((e) => e.detail).join(" ");
  return typeof problem.detail === "string" ? problem.detail : fallback;
}

/** Throws a readable error for a refused answer; returns the answer's body otherwise. */
export async function bodyOf<T>(response: { ok: boolean; json(): Promise<unknown> }, fallback: string): Promise<T> {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(problemDetail(body, fallback));
  return body as T;
}
