/**
 * The dashboard's list as plain data and one pure reducer over it: the loaded
 * tasks, the counts, which tasks are drafts not yet created, and the counts'
 * epoch. Every optimistic change and its rollback is an action here, so each
 * is easy to test without React or requests.
 */
import { applyEvents, type TaskEvent } from "./live/apply-events.ts";
import type { Task, TaskCounts, TaskList } from "./types.ts";
import { statusOf, type ViewQuery } from "./view-query.ts";

export interface ListState {
  items: Task[];
  nextCursor: string | null;
  counts: TaskCounts;
  /** Ids of tasks shown before the server created them: not yet changeable. */
  drafts: ReadonlySet<string>;
  /**
   * Moves with every local change to the counts. Counts a bulk answer carries
   * are a snapshot from when it ran, so they apply only while the epoch is the
   * one the action started in (a "Mark all" right after "Clear completed").
   */
  epoch: number;
}

export type ListAction =
  /** A first page (replacing the list) or a further one (appended, without repeats). */
  | { type: "page"; page: TaskList; more: boolean }
  /** A draft shown at the top of the list (when the view shows it) and counted. */
  | { type: "draft"; task: Task; shown: boolean }
  /** The draft the server created, under its real id. */
  | { type: "created"; draftId: string; task: Task }
  /** Tasks shown as they are now, by id; the counts move from `before` to `after` when given. */
  | { type: "show"; tasks: Task[]; before?: Task[] }
  /** Tasks taken out of the list; the counts lose them unless `counted` is false. */
  | { type: "remove"; tasks: Task[]; counted?: boolean }
  /** Tasks put back where they stood (only those the view shows). */
  | { type: "putBack"; placed: Placed[]; query: ViewQuery }
  /** A local change to the counts alone. */
  | { type: "count"; removed?: Task[]; added?: Task[]; set?: TaskCounts; extraCompleted?: number }
  /** Counts a server answer carried, applied only if no local change came after `epoch`. */
  | { type: "serverCounts"; epoch: number; counts: TaskCounts }
  /** Changes made elsewhere (live sync), applied by version (live/apply-events.ts). */
  | { type: "events"; events: readonly TaskEvent[] };

export function initialListState(initial: TaskList | null): ListState {
  return {
    items: initial?.items ?? [],
    nextCursor: initial?.nextCursor ?? null,
    counts: initial?.counts ?? { all: 0, pending: 0, completed: 0 },
    drafts: new Set(),
    epoch: 0,
  };
}

const counted = (state: ListState, counts: TaskCounts): ListState => ({ ...state, counts, epoch: state.epoch + 1 });

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case "page": {
      const { items, nextCursor, counts } = action.page;
      if (action.more) {
        const fresh = items.filter((t) => !state.items.some((l) => l.id === t.id));
        return { ...state, items: [...state.items, ...fresh], nextCursor };
      }
      return { ...state, items, nextCursor, counts: counts ?? state.counts };
    }
    case "draft": {
      const next = action.shown ? { ...state, items: [action.task, ...state.items] } : state;
      return counted(
        { ...next, drafts: new Set([...state.drafts, action.task.id]) },
        countsAfter(state.counts, [], [action.task]),
      );
    }
    case "created": {
      const drafts = new Set(state.drafts);
      drafts.delete(action.draftId);
      return { ...state, drafts, items: state.items.map((t) => (t.id === action.draftId ? action.task : t)) };
    }
    case "show": {
      const items = state.items.map((t) => action.tasks.find((n) => n.id === t.id) ?? t);
      const next = { ...state, items };
      return action.before ? counted(next, countsAfter(state.counts, action.before, action.tasks)) : next;
    }
    case "remove": {
      const gone = new Set(action.tasks.map((t) => t.id));
      const drafts = new Set([...state.drafts].filter((id) => !gone.has(id)));
      const next = { ...state, drafts, items: state.items.filter((t) => !gone.has(t.id)) };
      return action.counted === false ? next : counted(next, countsAfter(state.counts, action.tasks));
    }
    case "putBack":
      return {
        ...state,
        items: putBack(
          state.items,
          action.placed.filter((p) => visibleIn(action.query, p.task)),
        ),
      };
    case "count": {
      const base = action.set ?? countsAfter(state.counts, action.removed ?? [], action.added ?? []);
      const extra = action.extraCompleted ?? 0;
      return counted(state, { all: base.all + extra, pending: base.pending, completed: base.completed + extra });
    }
    case "serverCounts":
      return state.epoch === action.epoch ? { ...state, counts: action.counts } : state;
    case "events": {
      const next = applyEvents(state, action.events);
      if (next.items === state.items && next.counts === state.counts) return state;
      const moved = { ...state, items: next.items };
      return next.counts === state.counts ? moved : counted(moved, next.counts);
    }
  }
}

/** Tasks that exist on the server (drafts are not yet changeable). */
export function createdTasks(state: ListState): Task[] {
  return state.items.filter((t) => !state.drafts.has(t.id));
}

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
