/**
 * What the board tells the person about their changes: a failure (with a way
 * back in when the session ended), the Undo offer after a deletion (held open
 * while it has focus), and a polite live region for what was saved.
 */
import type { Failure } from "./use-task-board.ts";

interface Props {
  failure: Failure | null;
  onDismiss: () => void;
  /** "Deleted …", while Undo is on offer. */
  undoable: string | null;
  onUndo: () => void;
  holdUndo: (held: boolean) => void;
  announcement: string;
}

export function Notices({ failure, onDismiss, undoable, onUndo, holdUndo, announcement }: Props) {
  return (
    <>
      {failure && (
        <div className="notice error" role="alert">
          <p>
            {failure.message} {failure.signedOut && <a href="/sign-in?returnTo=/tasks">Sign in again</a>}
          </p>
          <button type="button" className="quiet" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}

      {undoable && (
        <div className="notice" role="status" onFocus={() => holdUndo(true)} onBlur={() => holdUndo(false)}>
          <p>{undoable}</p>
          <button type="button" onClick={onUndo}>
            Undo
          </button>
        </div>
      )}

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
