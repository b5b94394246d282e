/**
 * Deleting, clearing the completed tasks, and Undo. A deletion is sent at
 * once and is durable on the server as soon as it is answered (the API keeps
 * deleted tasks restorable for ten minutes), so closing or reloading the page
 * loses nothing. Undo restores on the server: one task by its id, a cleared
 * batch by the deletionId the bulk delete answered.
 */
import { ApiProblem } from "../../lib/tasks-client.ts";
import type { BoardContext } from "./board-context.ts";
import { createdTasks, placesOf } from "./list-state.ts";
import { failed, said } from "./messages.ts";
import type { Task } from "./types.ts";
import type { Deletion, UndoOffer } from "./undo-offer.ts";
import { bulkFilter } from "./view-query.ts";

export function createDeletions(board: BoardContext, offer: UndoOffer, resolveConflict: (task: Task) => Promise<void>) {
  const { client, list, queue } = board;
  const offered = (deletion: Deletion) => {
    offer.offer(deletion);
    board.announce(said.deleted([deletion]));
  };

  /** Restores one deletion on the server; false (with a message) when it could not be. */
  async function restore(deletion: Deletion): Promise<boolean> {
    try {
      if (deletion.kind === "task") {
        const { task } = deletion.placed;
        return await queue.serial(task.id, async () => {
          if (!(await deletion.sent)) return false;
          const restored = queue.confirmed(await client.restore(task.id));
          list.dispatch({ type: "show", tasks: [restored] });
          return true;
        });
      }
      const deletionId = await deletion.sent;
      if (!deletionId) return false;
      await client.bulk({ action: "restore", deletionId });
      // Tasks that were not loaded came back too: the server's first page and counts are right.
      board.reload();
      return true;
    } catch (reason) {
      if (deletion.kind === "task") list.dispatch({ type: "remove", tasks: [deletion.placed.task] });
      else board.reload();
      board.fail(reason, deletion.kind === "task" ? failed.restore : failed.restoreAll);
      return false;
    }
  }

  return {
    /** Deletes one task now; on refusal it comes back where it was. */
    remove(task: Task) {
      const [placed] = placesOf(list.get().items, [task]);
      if (!placed) return;
      board.clearFailure();
      list.dispatch({ type: "remove", tasks: [task] });
      const undone = () => {
        offer.withdraw(deletion);
        list.dispatch({ type: "putBack", placed: [placed], query: board.view() });
        list.dispatch({ type: "count", added: [task] });
      };
      queue.deleting(task.id);
      const sent = queue.serial(task.id, async () => {
        try {
          return await client.remove(task.id, queue.etag(task));
        } catch (reason) {
          queue.notDeleting(task.id);
          undone();
          if (reason instanceof ApiProblem && reason.status === 412) await resolveConflict(task);
          else board.fail(reason, failed.remove);
          return false;
        }
      });
      const deletion: Deletion = { kind: "task", placed, sent };
      offered(deletion);
    },

    /** Deletes every completed task the view's search selects, loaded or not, in one request. */
    clearCompleted() {
      const before = list.get().counts;
      const done = createdTasks(list.get()).filter((t) => t.completed);
      const placed = placesOf(list.get().items, done);
      board.clearFailure();
      list.dispatch({ type: "remove", tasks: done, counted: false });
      list.dispatch({
        type: "count",
        set: { all: before.all - before.completed, pending: before.pending, completed: 0 },
      });
      for (const t of done) queue.deleting(t.id);
      const epoch = list.get().epoch;
      // Its failure path runs after an await, by which time `deletion` below exists.
      const send = async () => {
        try {
          const result = await client.bulk({ action: "delete-completed", filter: bulkFilter(board.view()) });
          list.dispatch({ type: "serverCounts", epoch, counts: result.counts });
          return result.deletionId;
        } catch (reason) {
          for (const t of done) queue.notDeleting(t.id);
          offer.withdraw(deletion);
          list.dispatch({ type: "putBack", placed, query: board.view() });
          list.dispatch({ type: "count", set: before });
          board.fail(reason, failed.clear);
          return null;
        }
      };
      const deletion: Deletion = { kind: "batch", placed, count: before.completed, sent: send() };
      offered(deletion);
    },

    /** Puts every deletion still on offer back, in the page at once and then on the server. */
    undo() {
      const deletions = offer.take();
      if (deletions.length === 0) return;
      board.clearFailure();
      const placed = deletions.flatMap((x) => (x.kind === "task" ? [x.placed] : x.placed));
      list.dispatch({ type: "putBack", placed, query: board.view() });
      const singles = deletions.flatMap((x) => (x.kind === "task" ? [x.placed.task] : []));
      const batch = deletions.reduce((n, x) => n + (x.kind === "batch" ? x.count : 0), 0);
      list.dispatch({ type: "count", added: singles, extraCompleted: batch });
      board.announce(said.restored(deletions));
      for (const deletion of deletions) void restore(deletion);
    },
  };
}
