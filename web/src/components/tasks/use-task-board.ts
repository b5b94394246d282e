/**
 * The dashboard's state and every change to it. Changes show at once
 * (optimistic) and are rolled back, with a message, when the API refuses
 * them; a task changed elsewhere (412) is replaced by its current version.
 * Deletions wait a few seconds for Undo before they are sent.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SignedOutError } from "../../lib/access-token.ts";
import { createApi } from "../../lib/api.ts";
import type { Task, TaskCounts, TaskList } from "./types.ts";
import { listQuery, type ViewQuery } from "./view-query.ts";

export const UNDO_MS = 6000;

export interface Failure {
  message: string;
  signedOut: boolean;
}

interface PendingDelete {
  task: Task;
  index: number;
  timer: ReturnType<typeof setTimeout>;
}

/** The editable fields, as PUT replaces them. */
export type TaskChanges = Partial<Pick<Task, "title" | "description" | "priority" | "tags" | "dueAt" | "completed">>;

function problemDetail(body: unknown, fallback: string): string {
  const problem = (body ?? {}) as { detail?: unknown; errors?: { detail: string }[] };
  if (Array.isArray(problem.errors) && problem.errors.length > 0) return problem.errors.map((e) => e.detail).join(" ");
  return typeof problem.detail === "string" ? problem.detail : fallback;
}

function countsAfter(counts: TaskCounts, removed: Task[], added: Task[] = []): TaskCounts {
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

/** Does a task belong in the current view's status filter? */
function visibleIn(query: ViewQuery, task: Task): boolean {
  return query.filter === "all" || (query.filter === "completed") === task.completed;
}

export function useTaskBoard(
  userId: string,
  apiOrigin: string,
  query: ViewQuery,
  initial: TaskList | null,
  initialFailure: string | null = null,
) {
  const tasksApi = useMemo(() => createApi(apiOrigin).api[":userId"].tasks, [apiOrigin]);
  const [items, setItems] = useState<Task[]>(initial?.items ?? []);
  const [nextCursor, setNextCursor] = useState<string | null>(initial?.nextCursor ?? null);
  const [counts, setCounts] = useState<TaskCounts>(initial?.counts ?? { all: 0, pending: 0, completed: 0 });
  const [loading, setLoading] = useState(initial === null);
  const [failure, setFailure] = useState<Failure | null>(
    initialFailure ? { message: initialFailure, signedOut: false } : null,
  );
  const [announcement, setAnnouncement] = useState("");
  const [pendingDeletes, setPendingDeletes] = useState<Task[]>([]);
  const deletes = useRef(new Map<string, PendingDelete>());
  // The latest list, for handlers that must read it synchronously (state updaters run later).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  // The version the server last confirmed for each task: If-Match must carry it, not a stale copy's.
  const versions = useRef(new Map((initial?.items ?? []).map((t) => [t.id, t.version])));
  const confirmed = useCallback((task: Task) => {
    versions.current.set(task.id, task.version);
    return task;
  }, []);
  const etag = useCallback((task: Task) => `"${versions.current.get(task.id) ?? task.version}"`, []);
  // Changes to one task go out one after another, so a quick second change builds on the first.
  const queues = useRef(new Map<string, Promise<unknown>>());
  // Bumped when a task turns out to have changed elsewhere: changes queued before that are dropped,
  // since they were made against a version the person no longer sees.
  const conflicts = useRef(new Map<string, number>());
  const serial = useCallback(<T>(id: string, run: () => Promise<T>): Promise<T> => {
    const next = (queues.current.get(id) ?? Promise.resolve()).then(run, run);
    queues.current.set(id, next);
    return next;
  }, []);
  const firstQuery = useRef(initial ? query : null);

  const fail = useCallback((reason: unknown, fallback = "Something went wrong. Please try again.") => {
    setFailure({
      message: reason instanceof Error && reason.message ? reason.message : fallback,
      signedOut: reason instanceof SignedOutError,
    });
  }, []);
  const announce = useCallback((message: string) => setAnnouncement(message), []);

  // (Re)load the first page whenever the view changes; the server already rendered the first one.
  useEffect(() => {
    if (firstQuery.current === query) return;
    firstQuery.current = null;
    let current = true;
    setLoading(true);
    tasksApi
      .$get({ param: { userId }, query: listQuery(query) })
      .then(async (response) => {
        if (!response.ok) throw new Error(problemDetail(await response.json(), "Could not load your tasks."));
        const page = await response.json();
        if (!current) return;
        for (const task of page.items) confirmed(task);
        setItems(page.items.filter((t) => !deletes.current.has(t.id)));
        setNextCursor(page.nextCursor);
        if (page.counts) setCounts(page.counts);
      })
      .catch((reason: unknown) => current && fail(reason))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [tasksApi, userId, query, fail, confirmed]);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loading) return;
    setLoading(true);
    try {
      const response = await tasksApi.$get({ param: { userId }, query: listQuery(query, nextCursor) });
      if (!response.ok) throw new Error(problemDetail(await response.json(), "Could not load more tasks."));
      const page = await response.json();
      for (const task of page.items) confirmed(task);
      setItems((list) => [...list, ...page.items.filter((t) => !list.some((l) => l.id === t.id))]);
      setNextCursor(page.nextCursor);
    } catch (reason) {
      fail(reason);
    } finally {
      setLoading(false);
    }
  }, [tasksApi, userId, query, nextCursor, loading, fail, confirmed]);

  const replace = useCallback((task: Task) => {
    setItems((list) => list.map((t) => (t.id === task.id ? task : t)));
  }, []);

  /** After a 412: show the task as it now is, and say what happened. */
  const resolveConflict = useCallback(
    async (task: Task) => {
      conflicts.current.set(task.id, (conflicts.current.get(task.id) ?? 0) + 1);
      const response = await tasksApi[":id"].$get({ param: { userId, id: task.id } });
      if (response.ok) {
        const current = confirmed(await response.json());
        replace(current);
        setCounts((c) => countsAfter(c, [task], [current]));
      }
      setFailure({
        message: `“${task.title}” was changed elsewhere, so your change was not saved. It now shows the latest version; make your change again if you still want it.`,
        signedOut: false,
      });
    },
    [tasksApi, userId, replace, confirmed],
  );

  const add = useCallback(
    async (fields: { title: string } & TaskChanges) => {
      const now = new Date().toISOString();
      const draft: Task = {
        id: `draft-${crypto.randomUUID()}`,
        title: fields.title,
        description: null,
        completed: false,
        completedAt: null,
        priority: fields.priority ?? "none",
        tags: [],
        dueAt: null,
        createdAt: now,
        updatedAt: now,
        version: 0,
      };
      setFailure(null);
      if (query.filter !== "completed") setItems((list) => [draft, ...list]);
      setCounts((c) => countsAfter(c, [], [draft]));
      try {
        const response = await tasksApi.$post({
          param: { userId },
          // A fresh key per task: a retried request (after a 401, say) cannot create a duplicate.
          header: { "idempotency-key": crypto.randomUUID() },
          json: { title: fields.title, ...(fields.priority ? { priority: fields.priority } : {}) },
        });
        if (!response.ok) throw new Error(problemDetail(await response.json(), "Could not add the task."));
        const task = confirmed(await response.json());
        setItems((list) => list.map((t) => (t.id === draft.id ? task : t)));
        announce(`Added “${task.title}”.`);
        return true;
      } catch (reason) {
        setItems((list) => list.filter((t) => t.id !== draft.id));
        setCounts((c) => countsAfter(c, [draft]));
        fail(reason, "Could not add the task.");
        return false;
      }
    },
    [tasksApi, userId, query.filter, announce, fail, confirmed],
  );

  /**
   * One change to one task: shown at once as `next`, sent by `send` (with the
   * If-Match it is given) after earlier changes to the same task, and rolled
   * back on refusal; a 412 shows the task as it now is instead.
   */
  const change = useCallback(
    (
      task: Task,
      next: Task,
      // Both callers' typed responses answer 200 with a Task (the routes declare it).
      send: (ifMatch: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>,
      words: { done: string; failed: string },
    ) => {
      const rollBack = () => {
        replace(task);
        setCounts((c) => countsAfter(c, [next], [task]));
      };
      setFailure(null);
      replace(next);
      setCounts((c) => countsAfter(c, [task], [next]));
      const seen = conflicts.current.get(task.id) ?? 0;
      return serial(task.id, async () => {
        // Made against a version that turned out to be stale: the person now sees the current one.
        if ((conflicts.current.get(task.id) ?? 0) !== seen) {
          setCounts((c) => countsAfter(c, [next], [task]));
          return;
        }
        try {
          const response = await send(etag(task));
          if (response.status === 412) {
            rollBack();
            return resolveConflict(task);
          }
          if (!response.ok) throw new Error(problemDetail(await response.json(), words.failed));
          replace(confirmed((await response.json()) as Task));
          announce(words.done);
        } catch (reason) {
          rollBack();
          fail(reason, words.failed);
        }
      });
    },
    [replace, serial, etag, resolveConflict, confirmed, announce, fail],
  );

  const setCompleted = useCallback(
    async (task: Task, completed: boolean) => {
      if (task.completed === completed) return;
      const next = { ...task, completed, completedAt: completed ? new Date().toISOString() : null };
      return change(
        task,
        next,
        (ifMatch) =>
          tasksApi[":id"].complete.$patch({
            param: { userId, id: task.id },
            header: { "if-match": ifMatch },
            json: { completed },
          }),
        {
          done: `“${task.title}” marked ${completed ? "complete" : "not complete"}.`,
          failed: "Could not update the task.",
        },
      );
    },
    [tasksApi, userId, change],
  );

  const save = useCallback(
    async (task: Task, changes: TaskChanges) => {
      const next: Task = { ...task, ...changes };
      return change(
        task,
        next,
        (ifMatch) =>
          tasksApi[":id"].$put({
            param: { userId, id: task.id },
            header: { "if-match": ifMatch },
            // PUT replaces every editable field, so send them all.
            json: {
              title: next.title,
              description: next.description,
              priority: next.priority,
              tags: next.tags,
              dueAt: next.dueAt,
              completed: next.completed,
            },
          }),
        { done: `Saved “${next.title}”.`, failed: "Could not save the task." },
      );
    },
    [tasksApi, userId, change],
  );

  /** Sends a deletion whose Undo window has passed. */
  const commitDelete = useCallback(
    async (id: string, keepalive = false) => {
      const pending = deletes.current.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      deletes.current.delete(id);
      setPendingDeletes([...deletes.current.values()].map((p) => p.task));
      const { task, index } = pending;
      try {
        const response = await tasksApi[":id"].$delete(
          { param: { userId, id }, header: { "if-match": etag(task) } },
          { init: { keepalive } },
        );
        if (response.ok || response.status === 404) return;
        // Put it back where it was: it still exists.
        setItems((list) => [...list.slice(0, index), task, ...list.slice(index)]);
        setCounts((c) => countsAfter(c, [], [task]));
        if (response.status === 412) return resolveConflict(task);
        throw new Error(problemDetail(await response.json(), "Could not delete the task."));
      } catch (reason) {
        fail(reason, "Could not delete the task.");
      }
    },
    [tasksApi, userId, resolveConflict, fail, etag],
  );

  const remove = useCallback(
    (tasks: Task[]) => {
      if (tasks.length === 0) return;
      setFailure(null);
      for (const task of tasks) {
        const index = itemsRef.current.findIndex((t) => t.id === task.id);
        const timer = setTimeout(() => void commitDelete(task.id), UNDO_MS);
        deletes.current.set(task.id, { task, index: Math.max(index, 0), timer });
      }
      setItems((list) => list.filter((t) => !tasks.some((d) => d.id === t.id)));
      setCounts((c) => countsAfter(c, tasks));
      setPendingDeletes([...deletes.current.values()].map((p) => p.task));
      announce(tasks.length === 1 ? `Deleted “${tasks[0]?.title}”.` : `Deleted ${tasks.length} tasks.`);
    },
    [commitDelete, announce],
  );

  const undo = useCallback(() => {
    const restored = [...deletes.current.values()];
    for (const pending of restored) clearTimeout(pending.timer);
    deletes.current.clear();
    setPendingDeletes([]);
    setItems((list) => {
      const next = [...list];
      for (const { task, index } of [...restored].sort((a, b) => a.index - b.index)) {
        if (visibleIn(query, task)) next.splice(Math.min(index, next.length), 0, task);
      }
      return next;
    });
    setCounts((c) =>
      countsAfter(
        c,
        [],
        restored.map((p) => p.task),
      ),
    );
    announce(restored.length === 1 ? `Restored “${restored[0]?.task.title}”.` : `Restored ${restored.length} tasks.`);
  }, [query, announce]);

  // Leaving the page ends the Undo window: send what is pending, even as the page unloads.
  useEffect(() => {
    const flush = () => {
      for (const id of [...deletes.current.keys()]) void commitDelete(id, true);
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [commitDelete]);

  // In a status filter, a task that no longer matches leaves the list.
  const visible = items.filter((t) => visibleIn(query, t));

  return {
    items: visible,
    counts,
    nextCursor,
    loading,
    failure,
    announcement,
    pendingDeletes,
    dismissFailure: () => setFailure(null),
    loadMore,
    add,
    setCompleted,
    save,
    remove,
    undo,
  };
}
