/** The keyboard shortcuts, in a native modal dialog (focus is trapped and Escape closes it). */
import { forwardRef } from "react";

export const HelpDialog = forwardRef<HTMLDialogElement>(function HelpDialog(_props, ref) {
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>
        <dt>
          <kbd>n</kbd>
        </dt>
        <dd>New task</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>Search</dd>
        <dt>
          <kbd>Enter</kbd> or <kbd>F2</kbd> on a task
        </dt>
        <dd>Edit its title (Enter saves, Escape cancels)</dd>
        <dt>
          <kbd>Space</kbd> on a checkbox
        </dt>
        <dd>Mark complete or not</dd>
        <dt>
          <kbd>?</kbd>
        </dt>
        <dd>This help</dd>
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
});
