/**
 * Completing a repeating task and taking it back. The API answers a
 * completion with the task still open at its next date (or completed, when
 * the series ended); the notice offers Undo, which is `DELETE
 * …/completions/latest` with If-Match, shown at once and rolled back if
 * refused, in the task's line of changes (change-queue.ts) like any other.
 */
import { etagOf } from "#api/client";
import { ApiProblem } from "../../../lib/tasks-client.ts";
import type { BoardContext } from "../board-context.ts";
import type { Task } from "../types.ts";
import { type CompletionOffer, completionNotice } from "./completion-offer.ts";
import { recurringFailed, recurringSaid } from "./recurring-messages.ts";

export function createCompletions(
  board: BoardContext,
  offer: CompletionOffer,
  resolveConflict: (task: Task) => Promise<void>,
  zone: () => string,
) {
  const { client, list, queue } = board;
  return {
    /** A repeating task was completed: offer Undo with its next date. */
    completed(before: Task, after: Task) {
      offer.offer({ before, after, message: completionNotice(before, after, zone()) });
    },

    async undo() {
      const done = offer.take();
      if (!done) return;
      const { before, after } = done;
      const current = list.get().items.find((t) => t.id === after.id) ?? after;
      board.clearFailure();
      list.dispatch({ type: "show", tasks: [before], before: [current] });
      await queue.change(after.id, async (stale) => {
        if (stale) return list.dispatch({ type: "count", removed: [before], added: [current] });
        try {
          // The version the completion produced, not a later one: a task changed since gets 412,
          // so Undo never takes back more than the completion it offered.
          const restored = queue.confirmed(await client.undoCompletion(after.id, etagOf(after.version)));
          list.dispatch({ type: "show", tasks: [restored] });
          board.announce(recurringSaid.undone(restored.title));
        } catch (reason) {
          list.dispatch({ type: "show", tasks: [current], before: [before] });
          if (reason instanceof ApiProblem && reason.status === 412) return resolveConflict(current);
          board.fail(reason, recurringFailed.undo);
        }
      });
    },
  };
}
