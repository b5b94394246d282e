/**
 * The dashboard's state and every change to it. Changes show at once
 * (optimistic) and are rolled back, with a message, when the API refuses
 * them; a task changed elsewhere (412) is replaced by its current version.
 * Deletions and Undo live in use-deletions.ts; "Mark all" is one bulk request
 * over the whole view, loaded or not.
 */
import { type SetStateAction, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SignedOutError } from "../../lib/access-token.ts";
import { createApi } from "../../lib/api.ts";
import { bodyOf, countsAfter, problemDetail, visibleIn } from "./list-state.ts";
import { appliesInPlace, applyEvents } from "./live/apply-events.ts";
import { useLiveSocket } from "./live/use-live-socket.ts";
import type { Task, TaskCounts, TaskList } from "./types.ts";
import { useDeletions } from "./use-deletions.ts";
import { bulkFilter, listQuery, type ViewQuery } from "./view-query.ts";

export interface Failure {
  message: string;
  signedOut: boolean;
}

/** The editable fields, as PUT replaces them. */
export type TaskChanges = Partial<Pick<Task, "title" | "description" | "priority" | "tags" | "dueAt" | "completed">>;

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
  const [counts, setServerCounts] = useState<TaskCounts>(initial?.counts ?? { all: 0, pending: 0, completed: 0 });
  // Counts a bulk answer carries are a snapshot from when it ran: a local change made since (a
  // "Mark all" right after "Clear completed") must not be overwritten by it. Every local change
  // moves the epoch; an answer's counts apply only if the epoch is still the one it started in.
  const countsEpoch = useRef(0);
  const setCounts = useCallback((update: SetStateAction<TaskCounts>) => {
    countsEpoch.current++;
    setServerCounts(update);
  }, []);
  const countsFromServer = useCallback((epoch: number, next: TaskCounts) => {
    if (countsEpoch.current === epoch) setServerCounts(next);
  }, []);
  const [loading, setLoading] = useState(initial === null);
  const [failure, setFailure] = useState<Failure | null>(
    initialFailure ? { message: initialFailure, signedOut: false } : null,
  );
  const [announcement, setAnnouncement] = useState("");
  // Bumped to load the view's first page again (after a bulk Undo, say).
  const [reloads, setReloads] = useState(0);
  // The latest list and counts, for handlers that must read them synchronously (state updaters run later).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const countsRef = useRef(counts);
  countsRef.current = counts;
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
    if (firstQuery.current === query && reloads === 0) return;
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
        setItems(page.items);
        setNextCursor(page.nextCursor);
        if (page.counts) setServerCounts(page.counts);
      })
      .catch((reason: unknown) => current && fail(reason))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [tasksApi, userId, query, fail, confirmed, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

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
    [tasksApi, userId, replace, confirmed, setCounts],
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
        tags: fields.tags ?? [],
        dueAt: fields.dueAt ?? null,
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
          json: { title: draft.title, priority: draft.priority, tags: draft.tags, dueAt: draft.dueAt },
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
    [tasksApi, userId, query.filter, announce, fail, confirmed, setCounts],
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
    [replace, serial, etag, resolveConflict, confirmed, announce, fail, setCounts],
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

  /** Completes (or reopens) every task in the view, loaded or not: one request, rolled back on refusal. */
  const setAllCompleted = useCallback(
    async (completed: boolean) => {
      const before = countsRef.current;
      const changed = itemsRef.current.filter((t) => t.completed !== completed && !t.id.startsWith("draft-"));
      const at = new Date().toISOString();
      const flip = (t: Task): Task => ({ ...t, completed, completedAt: completed ? at : null });
      setFailure(null);
      setItems((list) => list.map((t) => (changed.some((c) => c.id === t.id) ? flip(t) : t)));
      setCounts((c) => ({ all: c.all, pending: completed ? 0 : c.all, completed: completed ? c.all : 0 }));
      const epoch = countsEpoch.current;
      try {
        const response = await tasksApi.bulk.$post(
          {
            param: { userId },
            header: { "idempotency-key": crypto.randomUUID() },
            json: { action: completed ? "complete" : "reopen", filter: bulkFilter(query) },
          },
          // Like a deletion, it should not be cancelled by leaving the page at once.
          { init: { keepalive: true } },
        );
        const result = await bodyOf<{ count: number; counts: TaskCounts }>(response, "Could not update the tasks.");
        // The server added one to the version of each task it changed; later If-Match must say so.
        for (const t of changed) versions.current.set(t.id, (versions.current.get(t.id) ?? t.version) + 1);
        countsFromServer(epoch, result.counts);
        announce(
          `Marked ${result.count} ${result.count === 1 ? "task" : "tasks"} ${completed ? "complete" : "not complete"}.`,
        );
      } catch (reason) {
        setItems((list) => list.map((t) => changed.find((c) => c.id === t.id) ?? t));
        setCounts(before);
        fail(reason, "Could not update the tasks.");
      }
    },
    [tasksApi, userId, query, announce, fail, setCounts, countsFromServer],
  );

  const deletions = useDeletions({
    tasksApi,
    userId,
    query,
    items: itemsRef,
    counts: countsRef,
    setItems,
    setCounts,
    countsEpoch,
    countsFromServer,
    serial,
    etag,
    confirmed,
    resolveConflict,
    fail,
    announce,
    clearFailure: () => setFailure(null),
    reload,
  });

  // Live sync (issue 16): changes made elsewhere arrive as events, applied by version (live/).
  const live = useLiveSocket(userId, apiOrigin, {
    onEvents(events) {
      // Known already (this tab's own change, or a replay): nothing to show, nothing to reload.
      const fresh = events.filter((e) => e.type === "task.deleted" || e.version > (versions.current.get(e.id) ?? 0));
      if (!appliesInPlace(query) && fresh.some((e) => e.type !== "task.deleted")) return reload();
      for (const e of fresh) if (e.task) confirmed(e.task);
      const next = applyEvents({ items: itemsRef.current, counts: countsRef.current }, fresh);
      itemsRef.current = next.items;
      setItems(next.items);
      if (next.counts !== countsRef.current) {
        countsRef.current = next.counts;
        setCounts(next.counts);
      }
    },
    onReload: reload,
  });

  // In a status filter, a task that no longer matches leaves the list.
  const visible = items.filter((t) => visibleIn(query, t));

  return {
    items: visible,
    counts,
    nextCursor,
    loading,
    failure,
    announcement,
    undoable: deletions.undoable.length > 0 ? deletions.deletedWords : null,
    dismissFailure: () => setFailure(null),
    loadMore,
    add,
    setCompleted,
    setAllCompleted,
    save,
    remove: deletions.remove,
    clearCompleted: deletions.clearCompleted,
    undo: deletions.undo,
    holdUndo: deletions.hold,
    live,
  };
}
