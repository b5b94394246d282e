/**
 * The dashboard's state, wired for React: the list store (list-state.ts), the
 * change queue, the Undo offer, and the actions over them (task-changes.ts,
 * deletions.ts). This hook only loads pages, keeps the messages, and hands
 * each part the same context; anything new (live updates, say) dispatches to
 * the same store.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { browserTasksClient } from "../../lib/api.ts";
import { type BoardContext, createListStore } from "./board-context.ts";
import { createChangeQueue } from "./change-queue.ts";
import { createDeletions } from "./deletions.ts";
import { visibleIn } from "./list-state.ts";
import { appliesInPlace } from "./live/apply-events.ts";
import { useLiveSocket } from "./live/use-live-socket.ts";
import { failed, said } from "./messages.ts";
import {
  createCompletionOffer,
  isReminderDue,
  type ReminderNotice,
  type RepeatDone,
  withReminder,
} from "./recurring/completion-offer.ts";
import { createCompletions } from "./recurring/completions.ts";
import { createTaskChanges } from "./task-changes.ts";
import type { TaskList } from "./types.ts";
import { createUndoOffer, type Deletion } from "./undo-offer.ts";
import { listQuery, type ViewQuery } from "./view-query.ts";

export type { TaskChanges } from "./task-changes.ts";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface Failure {
  message: string;
  signedOut: boolean;
}

export function useTaskBoard(
  userId: string,
  apiOrigin: string,
  query: ViewQuery,
  initial: TaskList | null,
  initialFailure: string | null = null,
) {
  const [loading, setLoading] = useState(initial === null);
  const [failure, setFailure] = useState<Failure | null>(
    initialFailure ? { message: initialFailure, signedOut: false } : null,
  );
  const [announcement, setAnnouncement] = useState("");
  const [undoable, setUndoable] = useState<Deletion[]>([]);
  const [repeatDone, setRepeatDone] = useState<RepeatDone | null>(null);
  const [reminders, setReminders] = useState<ReminderNotice[]>([]);
  // Bumped to load the view's first page again (after a bulk Undo, say).
  const [reloads, setReloads] = useState(0);
  const view = useRef(query);
  view.current = query;

  // The parts are made once; they read the current view through `view`.
  const [parts] = useState(() => {
    const board: BoardContext = {
      client: browserTasksClient(apiOrigin, userId),
      list: createListStore(initial),
      queue: createChangeQueue(initial?.items),
      view: () => view.current,
      fail: (reason, fallback) =>
        setFailure({
          message: reason instanceof Error && reason.message ? reason.message : fallback,
          signedOut: (reason as { signedOut?: unknown } | null)?.signedOut === true,
        }),
      clearFailure: () => setFailure(null),
      announce: setAnnouncement,
      reload: () => setReloads((n) => n + 1),
    };
    const offer = createUndoOffer(setUndoable);
    const changes = createTaskChanges(board);
    const repeatOffer = createCompletionOffer(setRepeatDone);
    const completions = createCompletions(board, repeatOffer, changes.resolveConflict, browserZone);
    board.completedRepeat = completions.completed;
    const deletions = createDeletions(board, offer, changes.resolveConflict);
    return { board, offer, changes, deletions, repeatOffer, completions };
  });
  const { board, offer, changes, deletions, repeatOffer, completions } = parts;
  const { client, list, queue } = board;
  const state = useSyncExternalStore(list.subscribe, list.get, list.get);
  useEffect(() => () => offer.dispose(), [offer]);
  useEffect(() => () => repeatOffer.dispose(), [repeatOffer]);

  // (Re)load the first page whenever the view changes; the server already rendered the first one.
  const firstQuery = useRef(initial ? query : null);
  useEffect(() => {
    if (firstQuery.current === query && reloads === 0) return;
    firstQuery.current = null;
    let current = true;
    setLoading(true);
    client
      .list(listQuery(query))
      .then((page) => {
        if (!current) return;
        for (const task of page.items) queue.confirmed(task);
        list.dispatch({ type: "page", page, more: false });
      })
      .catch((reason: unknown) => current && board.fail(reason, failed.load))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, list, queue, board, query, reloads]);

  const { nextCursor } = state;
  const loadMore = useCallback(async () => {
    if (!nextCursor || loading) return;
    setLoading(true);
    try {
      const page = await client.list(listQuery(query, nextCursor));
      for (const task of page.items) queue.confirmed(task);
      list.dispatch({ type: "page", page, more: true });
    } catch (reason) {
      board.fail(reason, failed.loadMore);
    } finally {
      setLoading(false);
    }
  }, [client, list, queue, board, query, nextCursor, loading]);

  // Live sync (issue 16): changes made elsewhere arrive as events, applied by version (live/).
  const live = useLiveSocket(userId, apiOrigin, {
    onEvents(events) {
      // Known already (this tab's own change, or a replay): nothing to show, nothing to reload.
      const fresh = events.filter((e) =>
        e.type === "task.deleted" ? !queue.ownDeletionEcho(e.id) : e.version > queue.version(e.id),
      );
      if (!appliesInPlace(view.current) && fresh.some((e) => e.type !== "task.deleted")) return board.reload();
      for (const e of fresh) if (e.task) queue.confirmed(e.task);
      list.dispatch({ type: "events", events: fresh });
    },
    onReload: board.reload,
    // A reminder fired (004 FR-025): say so in the page too, with or without notifications.
    onMessage(message) {
      if (isReminderDue(message)) setReminders((shown) => withReminder(shown, message, browserZone()));
    },
  });

  return {
    // In a status filter, a task that no longer matches leaves the list.
    items: useMemo(() => state.items.filter((t) => visibleIn(query, t)), [state.items, query]),
    drafts: state.drafts,
    counts: state.counts,
    nextCursor,
    loading,
    failure,
    announcement,
    undoable: undoable.length > 0 ? said.deleted(undoable) : null,
    dismissFailure: board.clearFailure,
    loadMore,
    ...changes,
    remove: deletions.remove,
    clearCompleted: deletions.clearCompleted,
    undo: deletions.undo,
    holdUndo: offer.hold,
    repeatDone: repeatDone?.message ?? null,
    undoCompletion: completions.undo,
    holdUndoCompletion: repeatOffer.hold,
    reminders,
    dismissReminder: (key: string) => setReminders((shown) => shown.filter((r) => r.key !== key)),
    live,
  };
}
