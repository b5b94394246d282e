/**
 * The details' "Reminders": the leads set, each with its Remove button, and
 * a select that adds one of the leads not set yet, saved at once. The logic
 * is in reminder-leads.ts.
 */
import { useId } from "react";
import type { TaskChanges } from "../task-changes.ts";
import type { Task } from "../types.ts";
import { addReminder, leadsToAdd, leadWords, MAX_REMINDERS, removeReminder } from "./reminder-leads.ts";

interface Props {
  task: Task;
  onSave: (task: Task, changes: TaskChanges) => void;
}

export function RemindersEditor({ task, onSave }: Props) {
  const id = useId();
  const toAdd = leadsToAdd(task.reminders);
  const disabled = task.dueAt === null;

  return (
    <fieldset className="reminders" disabled={disabled} aria-describedby={disabled ? `${id}-needs-due` : undefined}>
      <legend>Reminders</legend>
      {task.reminders.length > 0 && (
        <ul className="reminder-list">
          {task.reminders.map((r) => (
            <li key={r.before}>
              {leadWords(r.before)}{" "}
              <button
                type="button"
                className="quiet"
                onClick={() => onSave(task, { reminders: removeReminder(task.reminders, r.before) })}
              >
                Remove<span className="visually-hidden"> reminder {leadWords(r.before)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {disabled ? (
        <p id={`${id}-needs-due`} className="hint">
          Set a due date to be reminded.
        </p>
      ) : toAdd.length > 0 ? (
        <div className="detail-grid">
          <label htmlFor={`${id}-add`}>Add a reminder</label>
          <select
            id={`${id}-add`}
            value=""
            onChange={(e) => e.target.value && onSave(task, { reminders: addReminder(task.reminders, e.target.value) })}
          >
            <option value="">Choose when…</option>
            {toAdd.map((lead) => (
              <option key={lead} value={lead}>
                {leadWords(lead)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="hint">At most {MAX_REMINDERS} reminders.</p>
      )}
    </fieldset>
  );
}
