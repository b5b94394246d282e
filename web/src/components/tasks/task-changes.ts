/**
 * Adding and changing tasks. Each change shows at once (optimistic) and is
 * rolled back, with a message, when the API refuses it; a task changed
 * elsewhere (412) is shown as it now is instead. "Mark all" is one bulk
 * request over the whole view, loaded or not.
 */
import { ApiProblem } from "../../lib/tasks-client.ts";
import type { BoardContext } from "./board-context.ts";
import { createdTasks } from "./list-state.ts";
import { failed, said } from "./messages.ts";
import type { Task } from "./types.ts";
import { bulkFilter } from "./view-query.ts";

/** The editable fields, as PUT replaces them. */
export type TaskChanges = Partial<
  Pick<
    Task,
    | "title"
    | "description"
    | "priority"
    | "tags"
    | "dueAt"
    | "completed"
    | "repeat"
    | "timeZone"
    | "repeatFrom"
    | "reminders"
  >
>;

const isConflict = (reason: unknown) => reason instanceof ApiProblem && reason.status === 412;

export function createTaskChanges(board: BoardContext) {
  const { client, list, queue } = board;

  /** After a 412: show the task as it now is, and say what happened. */
  async function resolveConflict(task: Task): Promise<void> {
    queue.conflicted(task.id);
    const current = await client.get(task.id).catch(() => null);
    if (current) list.dispatch({ type: "show", tasks: [queue.confirmed(current)], before: [task] });
    board.fail(new Error(said.changedElsewhere(task.title)), failed.anything);
  }

  /** One change to one task: shown at once as `next`, sent after earlier changes to it, rolled back on refusal. */
  function change(
    task: Task,
    next: Task,
    send: (ifMatch: string) => Promise<Task>,
    words: { done: string; failed: string },
  ) {
    board.clearFailure();
    list.dispatch({ type: "show", tasks: [next], before: [task] });
    return queue.change(task.id, async (stale) => {
      // Made against a version that turned out to be stale: the person now sees the current one.
      if (stale) return list.dispatch({ type: "count", removed: [next], added: [task] });
      try {
        list.dispatch({ type: "show", tasks: [queue.confirmed(await send(queue.etag(task)))] });
        board.announce(words.done);
      } catch (reason) {
        list.dispatch({ type: "show", tasks: [task], before: [next] });
        if (isConflict(reason)) return resolveConflict(task);
        board.fail(reason, words.failed);
      }
    });
  }

  return {
    resolveConflict,

    async add(fields: { title: string } & TaskChanges): Promise<boolean> {
      const now = new Date().toISOString();
      const draft: Task = {
        id: crypto.randomUUID(),
        title: fields.title,
        description: null,
        completed: false,
        completedAt: null,
        priority: fields.priority ?? "none",
        tags: fields.tags ?? [],
        dueAt: fields.dueAt ?? null,
        repeat: null,
        timeZone: null,
        repeatFrom: "due",
        reminders: [],
        createdAt: now,
        updatedAt: now,
        version: 0,
      };
      board.clearFailure();
      list.dispatch({ type: "draft", task: draft, shown: board.view().filter !== "completed" });
      try {
        const { title, priority, tags, dueAt } = draft;
        const task = queue.confirmed(await client.create({ title, priority, tags, dueAt }));
        list.dispatch({ type: "created", draftId: draft.id, task });
        board.announce(said.added(task.title));
        return true;
      } catch (reason) {
        list.dispatch({ type: "remove", tasks: [draft] });
        board.fail(reason, failed.add);
        return false;
      }
    },

    async setCompleted(task: Task, completed: boolean) {
      if (task.completed === completed) return;
      const next = { ...task, completed, completedAt: completed ? new Date().toISOString() : null };
      const send = (ifMatch: string) => client.complete(task.id, ifMatch, completed);
      // A repeating task comes back open at its next date (004 FR-008): the notice offers Undo.
      const repeats = completed && task.repeat !== null;
      const sendAndOffer = async (ifMatch: string) => {
        const answer = await send(ifMatch);
        board.completedRepeat?.(task, answer);
        return answer;
      };
      return change(task, next, repeats ? sendAndOffer : send, {
        done: said.marked(task.title, completed),
        failed: failed.update,
      });
    },

    async save(task: Task, changes: TaskChanges) {
      const next: Task = { ...task, ...changes };
      const { title, description, priority, tags, dueAt, completed, repeat, timeZone, repeatFrom, reminders } = next;
      // PUT replaces every editable field, so send them all (a rule or reminders left out would be dropped).
      const fields = { title, description, priority, tags, dueAt, completed, repeat, timeZone, repeatFrom, reminders };
      return change(task, next, (ifMatch) => client.replace(task.id, ifMatch, fields), {
        done: said.saved(next.title),
        failed: failed.save,
      });
    },

    /** Completes (or reopens) every task in the view, loaded or not: one request, rolled back on refusal. */
    async setAllCompleted(completed: boolean) {
      const before = list.get().counts;
      const changed = createdTasks(list.get()).filter((t) => t.completed !== completed);
      const at = new Date().toISOString();
      board.clearFailure();
      list.dispatch({
        type: "show",
        tasks: changed.map((t) => ({ ...t, completed, completedAt: completed ? at : null })),
      });
      const all = before.all;
      list.dispatch({ type: "count", set: { all, pending: completed ? 0 : all, completed: completed ? all : 0 } });
      const epoch = list.get().epoch;
      try {
        const action = completed ? "complete" : "reopen";
        const result = await client.bulk({ action, filter: bulkFilter(board.view()) });
        // The server added one to the version of each task it changed; later If-Match must say so.
        queue.bumped(changed);
        list.dispatch({ type: "serverCounts", epoch, counts: result.counts });
        board.announce(said.markedAll(result.count, completed));
      } catch (reason) {
        list.dispatch({ type: "show", tasks: changed });
        list.dispatch({ type: "count", set: before });
        board.fail(reason, failed.updateAll);
      }
    },
  };
}

export type TaskChangeActions = ReturnType<typeof createTaskChanges>;
