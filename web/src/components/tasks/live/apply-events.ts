/**
 * Live sync's one rule, as a pure function: events from the socket or the
 * change feed (issue 16) are applied to the dashboard's list by `version`.
 * An event no newer than the copy shown is ignored, so the echo of this
 * tab's own change, a replay from the feed, or an event that arrives late
 * changes nothing, and an optimistic change is not undone by its own echo.
 */
import type { Task, TaskCounts } from "../types.ts";
import type { ViewQuery } from "../view-query.ts";

export interface TaskEvent {
  type: "task.created" | "task.updated" | "task.deleted";
  id: string;
  version: number;
  task?: Task;
  cursor: string;
}

/** Too many changes in one write to send one by one: catch up through the feed, or reload. */
export interface TasksChanged {
  type: "tasks.changed";
  count: number;
  cursor: string;
}

export type LiveMessage = TaskEvent | TasksChanged;

export interface ListState {
  items: Task[];
  counts: TaskCounts;
  /** Ids of tasks shown before the server created them (list-state.ts). */
  drafts: ReadonlySet<string>;
}

function move(counts: TaskCounts, from: Task | undefined, to: Task | undefined): TaskCounts {
  const next = { ...counts };
  if (from) {
    next.all--;
    next[from.completed ? "completed" : "pending"]--;
  }
  if (to) {
    next.all++;
    next[to.completed ? "completed" : "pending"]++;
  }
  return next;
}

/** The list and counts after one event. Unloaded tasks stay unloaded: only a creation adds a task. */
export function applyEvent(state: ListState, event: TaskEvent): ListState {
  const index = state.items.findIndex((t) => t.id === event.id);
  const shown = state.items[index];
  if (event.type === "task.deleted") {
    if (!shown || shown.version > event.version) return state;
    return {
      ...state,
      items: state.items.filter((t) => t.id !== event.id),
      counts: move(state.counts, shown, undefined),
    };
  }
  const task = event.task;
  if (!task) return state;
  if (shown) {
    if (shown.version >= event.version) return state;
    const items = [...state.items];
    items[index] = task;
    return { ...state, items, counts: move(state.counts, shown, task) };
  }
  if (event.type !== "task.created") return state;
  // This tab's own new task can echo back before its POST answers: it takes its draft's place.
  // (It is counted already, as the draft was.)
  const draft = state.items.findIndex((t) => state.drafts.has(t.id) && t.title === task.title);
  if (draft >= 0) {
    const items = [...state.items];
    items[draft] = task;
    return { ...state, items };
  }
  return { ...state, items: [task, ...state.items], counts: move(state.counts, undefined, task) };
}

export function applyEvents(state: ListState, events: readonly TaskEvent[]): ListState {
  return events.reduce(applyEvent, state);
}

/** The newer of two cursors (they are sequence numbers; a client never does more with them). */
export function laterCursor(a: string | null, b: string): string {
  return a !== null && Number(a) >= Number(b) ? a : b;
}

/**
 * Whether events can be applied to this view's list as they come: only when it is filtered by
 * status at most (status is applied when the list is shown). A search, a tag, a priority, a due
 * filter or the Today and Upcoming views reload their first page instead, since a changed task
 * may enter or leave them.
 */
export function appliesInPlace(query: Pick<ViewQuery, "view" | "q" | "priority" | "tag" | "due">): boolean {
  return query.view === "all" && query.q === "" && query.priority === null && query.tag === "" && query.due === null;
}
