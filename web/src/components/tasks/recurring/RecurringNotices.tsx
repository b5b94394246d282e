/**
 * The notices of repeating tasks and reminders: "Done … Next due …" with
 * Undo (held open while focused), and the reminders that arrived while the
 * page is open, each with Dismiss.
 */
import type { useTaskBoard } from "../use-task-board.ts";

type Board = ReturnType<typeof useTaskBoard>;

interface Props {
  board: Pick<Board, "repeatDone" | "undoCompletion" | "holdUndoCompletion" | "reminders" | "dismissReminder">;
}

export function RecurringNotices({ board }: Props) {
  const { repeatDone: completed, holdUndoCompletion: holdUndo, reminders, dismissReminder: onDismiss } = board;
  const onUndo = () => void board.undoCompletion();
  return (
    <>
      {completed && (
        <div className="notice" role="status" onFocus={() => holdUndo(true)} onBlur={() => holdUndo(false)}>
          <p>{completed}</p>
          <button type="button" onClick={onUndo}>
            Undo<span className="visually-hidden"> completion</span>
          </button>
        </div>
      )}
      <div role="status" className="reminder-notices">
        {reminders.map((r) => (
          <div key={r.key} className="notice reminder">
            <p>{r.message}</p>
            <button type="button" className="quiet" onClick={() => onDismiss(r.key)}>
              Dismiss<span className="visually-hidden"> reminder</span>
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
