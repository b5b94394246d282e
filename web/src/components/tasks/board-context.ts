/**
 * What the dashboard's actions share: the person's tasks client, the list
 * (a small synchronous store over the pure reducer in list-state.ts, so an
 * action reads the list as it is now, not as it was last rendered), the
 * change queue, and the ways to speak to the person.
 */
import type { TasksClient } from "../../lib/tasks-client.ts";
import type { ChangeQueue } from "./change-queue.ts";
import { initialListState, type ListAction, type ListState, listReducer } from "./list-state.ts";
import type { Task, TaskList } from "./types.ts";
import type { ViewQuery } from "./view-query.ts";

export interface BoardContext {
  client: TasksClient;
  list: ListStore;
  queue: ChangeQueue;
  /** The view the person is looking at now. */
  view(): ViewQuery;
  /** Shows a failure: the reason's own words, else `fallback`. */
  fail(reason: unknown, fallback: string): void;
  clearFailure(): void;
  /** Says something to screen readers (a polite live region). */
  announce(message: string): void;
  /** Loads the view's first page again, with the server's counts. */
  reload(): void;
  /** A repeating task was completed: `after` is the API's answer (its next date, or completed for good). */
  completedRepeat?: (before: Task, after: Task) => void;
}

export function createListStore(initial: TaskList | null) {
  let state = initialListState(initial);
  const listeners = new Set<() => void>();
  return {
    get: (): ListState => state,
    dispatch(action: ListAction): void {
      const next = listReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ListStore = ReturnType<typeof createListStore>;
