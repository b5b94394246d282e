/**
 * Deleting, clearing the completed tasks, and Undo. A deletion is sent at
 * once and is durable on the server as soon as it is answered (the API keeps
 * deleted tasks restorable for ten minutes), so closing or reloading the page
 * loses nothing. Undo restores on the server: one task by its id, a cleared
 * batch by the deletionId the bulk delete answered.
 */
import { type Dispatch, type RefObject, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import type { Api } from "../../lib/api.ts";
import { bodyOf, countsAfter, type Placed, placesOf, problemDetail, putBack, visibleIn } from "./list-state.ts";
import type { Task, TaskCounts } from "./types.ts";
import { bulkFilter, type ViewQuery } from "./view-query.ts";

/** How long the Undo notice stays after the last deletion. */
export const UNDO_MS = 6000;

type TasksApi = Api["api"][":userId"]["tasks"];

/** Deletions and restores outlive the page: closing or reloading it right after does not cancel them. */
const outlivesPage = { init: { keepalive: true } };

/** A deletion the person can still undo. `sent` settles once the server has answered. */
type Deletion =
  | { kind: "task"; placed: Placed; sent: Promise<boolean> }
  | { kind: "batch"; placed: Placed[]; count: number; sent: Promise<string | null> };

export interface DeletionDeps {
  tasksApi: TasksApi;
  userId: string;
  query: ViewQuery;
  items: RefObject<Task[]>;
  counts: RefObject<TaskCounts>;
  setItems: Dispatch<SetStateAction<Task[]>>;
  setCounts: Dispatch<SetStateAction<TaskCounts>>;
  /** Moves with every local change to the counts (see use-task-board.ts). */
  countsEpoch: { readonly current: number };
  /** Applies a server answer's counts, unless a local change came after `epoch`. */
  countsFromServer: (epoch: number, counts: TaskCounts) => void;
  serial: <T>(id: string, run: () => Promise<T>) => Promise<T>;
  etag: (task: Task) => string;
  confirmed: (task: Task) => Task;
  resolveConflict: (task: Task) => Promise<void>;
  fail: (reason: unknown, fallback?: string) => void;
  announce: (message: string) => void;
  clearFailure: () => void;
  /** Loads the view's first page again, with the server's counts. */
  reload: () => void;
}

const size = (d: Deletion) => (d.kind === "task" ? 1 : d.count);

/** "Deleted “x”." or "Deleted N tasks." */
export function deletedWords(deletions: Deletion[]): string {
  const [only] = deletions;
  if (deletions.length === 1 && only?.kind === "task") return `Deleted “${only.placed.task.title}”.`;
  const n = deletions.reduce((sum, d) => sum + size(d), 0);
  return `Deleted ${n} ${n === 1 ? "task" : "tasks"}.`;
}

export function useDeletions(deps: DeletionDeps) {
  const { tasksApi, userId, query, setItems, setCounts } = deps;
  const [undoable, setUndoable] = useState<Deletion[]>([]);
  const current = useRef<Deletion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const d = useRef(deps);
  d.current = deps;

  // While focus is in the notice (someone tabbed to Undo), it stays (WCAG 2.2.1, timing adjustable).
  const held = useRef(false);
  const update = useCallback((next: Deletion[]) => {
    current.current = next;
    setUndoable(next);
    clearTimeout(timer.current);
    // A notice that goes away takes its focus with it, and React sends no blur for that.
    if (next.length === 0) held.current = false;
    if (next.length > 0 && !held.current) timer.current = setTimeout(() => update([]), UNDO_MS);
  }, []);
  /** Pauses the Undo window (true) or starts it afresh (false). */
  const hold = useCallback(
    (paused: boolean) => {
      held.current = paused;
      update(current.current);
    },
    [update],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const offer = useCallback(
    (deletion: Deletion) => {
      update([...current.current, deletion]);
      d.current.announce(deletedWords([deletion]));
    },
    [update],
  );
  const withdraw = useCallback((deletion: Deletion) => update(current.current.filter((x) => x !== deletion)), [update]);
  const showAgain = useCallback(
    (placed: Placed[]) =>
      setItems((list) =>
        putBack(
          list,
          placed.filter((p) => visibleIn(query, p.task)),
        ),
      ),
    [setItems, query],
  );

  /** Deletes one task now; on refusal it comes back where it was. */
  const remove = useCallback(
    (task: Task) => {
      const [placed] = placesOf(d.current.items.current, [task]);
      if (!placed) return;
      d.current.clearFailure();
      setItems((list) => list.filter((t) => t.id !== task.id));
      setCounts((c) => countsAfter(c, [task]));
      const undone = () => {
        withdraw(deletion);
        showAgain([placed]);
        setCounts((c) => countsAfter(c, [], [task]));
      };
      const sent = d.current.serial(task.id, async () => {
        try {
          const response = await tasksApi[":id"].$delete(
            { param: { userId, id: task.id }, header: { "if-match": d.current.etag(task) } },
            outlivesPage,
          );
          if (response.ok || response.status === 404) return response.ok;
          undone();
          if (response.status === 412) await d.current.resolveConflict(task);
          else d.current.fail(new Error(problemDetail(await response.json(), "Could not delete the task.")));
        } catch (reason) {
          undone();
          d.current.fail(reason, "Could not delete the task.");
        }
        return false;
      });
      const deletion: Deletion = { kind: "task", placed, sent };
      offer(deletion);
    },
    [tasksApi, userId, setItems, setCounts, offer, withdraw, showAgain],
  );

  /** Deletes every completed task the view's search selects, loaded or not, in one request. */
  const clearCompleted = useCallback(() => {
    const before = d.current.counts.current;
    const done = d.current.items.current.filter((t) => t.completed && !t.id.startsWith("draft-"));
    const placed = placesOf(d.current.items.current, done);
    d.current.clearFailure();
    setItems((list) => list.filter((t) => !done.some((x) => x.id === t.id)));
    setCounts((c) => ({ all: c.all - c.completed, pending: c.pending, completed: 0 }));
    const epoch = d.current.countsEpoch.current;
    // Its failure path runs after an await, by which time `deletion` below exists.
    const send = async () => {
      try {
        const response = await tasksApi.bulk.$post(
          {
            param: { userId },
            // A fresh key per clear: a retried request (after a 401, say) replays rather than acts twice.
            header: { "idempotency-key": crypto.randomUUID() },
            json: { action: "delete-completed", filter: bulkFilter(query) },
          },
          outlivesPage,
        );
        const result = await bodyOf<{ deletionId: string | null; counts: TaskCounts }>(
          response,
          "Could not clear the completed tasks.",
        );
        d.current.countsFromServer(epoch, result.counts);
        return result.deletionId;
      } catch (reason) {
        withdraw(deletion);
        showAgain(placed);
        setCounts(before);
        d.current.fail(reason, "Could not clear the completed tasks.");
        return null;
      }
    };
    const deletion: Deletion = { kind: "batch", placed, count: before.completed, sent: send() };
    offer(deletion);
  }, [tasksApi, userId, query, setItems, setCounts, offer, withdraw, showAgain]);

  /** Restores one deletion on the server; false (with a message) when it could not be. */
  const restore = useCallback(
    async (deletion: Deletion): Promise<boolean> => {
      try {
        if (deletion.kind === "task") {
          const { task } = deletion.placed;
          return await d.current.serial(task.id, async () => {
            if (!(await deletion.sent)) return false;
            const response = await tasksApi[":id"].restore.$post(
              { param: { userId, id: task.id }, header: {} },
              outlivesPage,
            );
            const restored = d.current.confirmed(await bodyOf<Task>(response, "Could not restore the task."));
            setItems((list) => list.map((t) => (t.id === restored.id ? restored : t)));
            return true;
          });
        }
        const deletionId = await deletion.sent;
        if (!deletionId) return false;
        const response = await tasksApi.bulk.$post(
          {
            param: { userId },
            header: { "idempotency-key": crypto.randomUUID() },
            json: { action: "restore", deletionId },
          },
          outlivesPage,
        );
        await bodyOf(response, "Could not restore the tasks.");
        // Tasks that were not loaded came back too: the server's first page and counts are right.
        d.current.reload();
        return true;
      } catch (reason) {
        if (deletion.kind === "task") {
          const { task } = deletion.placed;
          setItems((list) => list.filter((t) => t.id !== task.id));
          setCounts((c) => countsAfter(c, [task]));
        } else {
          d.current.reload();
        }
        d.current.fail(
          reason,
          deletion.kind === "task" ? "Could not restore the task." : "Could not restore the tasks.",
        );
        return false;
      }
    },
    [tasksApi, userId, setItems, setCounts],
  );

  /** Puts every deletion still on offer back, in the page at once and then on the server. */
  const undo = useCallback(() => {
    const deletions = current.current;
    if (deletions.length === 0) return;
    update([]);
    d.current.clearFailure();
    showAgain(deletions.flatMap((x) => (x.kind === "task" ? [x.placed] : x.placed)));
    setCounts((c) => {
      const singles = deletions.flatMap((x) => (x.kind === "task" ? [x.placed.task] : []));
      const batch = deletions.reduce((n, x) => n + (x.kind === "batch" ? x.count : 0), 0);
      const next = countsAfter(c, [], singles);
      return { all: next.all + batch, pending: next.pending, completed: next.completed + batch };
    });
    const [only] = deletions;
    d.current.announce(
      deletions.length === 1 && only?.kind === "task"
        ? `Restored “${only.placed.task.title}”.`
        : `Restored ${deletions.reduce((n, x) => n + size(x), 0)} tasks.`,
    );
    for (const deletion of deletions) void restore(deletion);
  }, [update, showAgain, setCounts, restore]);

  return { undoable, deletedWords: deletedWords(undoable), remove, clearCompleted, undo, hold };
}
