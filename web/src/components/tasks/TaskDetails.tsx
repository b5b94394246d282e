/**
 * A task's details (description, priority, tags, due date), which save as
 * they change. The form is rendered only while the disclosure is open: a page
 * of tasks then hydrates a few nodes per task instead of a whole form each.
 */

import { type FormEvent, useId, useState } from "react";
import { DESCRIPTION_MAX } from "#api/client";
import { RemindersEditor } from "./recurring/RemindersEditor.tsx";
import { RepeatPicker } from "./recurring/RepeatPicker.tsx";
import type { TaskChanges } from "./task-changes.ts";
import type { Priority, Task } from "./types.ts";

export const priorityLabels: Record<Priority, string> = {
  none: "No priority",
  low: "Low",
  medium: "Medium",
  high: "High",
};

/** `datetime-local` wants local wall time without an offset. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The details form's fields as task changes, or null when they are what the task already has. */
function detailChanges(form: HTMLFormElement, task: Task): TaskChanges | null {
  const data = new FormData(form);
  const due = String(data.get("dueAt") ?? "");
  const changes = {
    description: String(data.get("description") ?? "").trim() || null,
    priority: String(data.get("priority")) as Priority,
    tags: String(data.get("tags") ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    dueAt: due ? new Date(due).toISOString() : null,
  };
  const same =
    changes.description === task.description &&
    changes.priority === task.priority &&
    changes.tags.join(",").toLowerCase() === task.tags.join(",") &&
    due === toLocalInput(task.dueAt);
  return same ? null : changes;
}

interface Props {
  task: Task;
  onSave: (task: Task, changes: TaskChanges) => void;
  /** The zone a task that starts repeating gets, unless it has one. */
  browserZone: string;
}

export function TaskDetails({ task, onSave, browserZone }: Props) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();

  /** Details save as they change: the priority at once, text and dates when the person leaves the field. */
  function saveDetails(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typing = event.type === "change" || event.type === "input";
    if (typing && (event.target as HTMLElement).tagName !== "SELECT") return;
    const changes = detailChanges(event.currentTarget, task);
    if (changes) onSave(task, changes);
  }

  return (
    <details className="task-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Details<span className="visually-hidden"> of “{task.title}”</span>
      </summary>
      {open && (
        <form
          // A due date moved by the server (a repeating task completed, 003 FR-047) must show here, or
          // leaving the field would save the old one back; the form is uncontrolled, so it starts afresh.
          key={task.dueAt ?? ""}
          onSubmit={saveDetails}
          onChange={saveDetails}
          onBlur={saveDetails}
          aria-label={`Details of “${task.title}”`}
        >
          <label htmlFor={`${detailsId}-description`}>Description</label>
          <textarea
            id={`${detailsId}-description`}
            name="description"
            defaultValue={task.description ?? ""}
            maxLength={DESCRIPTION_MAX}
            rows={3}
          />
          <div className="detail-grid">
            <label htmlFor={`${detailsId}-priority`}>Priority</label>
            <select id={`${detailsId}-priority`} name="priority" defaultValue={task.priority}>
              {(Object.keys(priorityLabels) as Priority[]).map((p) => (
                <option key={p} value={p}>
                  {priorityLabels[p]}
                </option>
              ))}
            </select>
            <label htmlFor={`${detailsId}-tags`}>Tags (comma-separated)</label>
            <input id={`${detailsId}-tags`} name="tags" defaultValue={task.tags.join(", ")} />
            <label htmlFor={`${detailsId}-due`}>Due</label>
            <input id={`${detailsId}-due`} name="dueAt" type="datetime-local" defaultValue={toLocalInput(task.dueAt)} />
          </div>
          <p className="hint">Changes are saved as you make them.</p>
        </form>
      )}
      {/* Outside the form, which saves its own fields from FormData; these save their own changes. */}
      {open && (
        <div className="recurring-details">
          <RepeatPicker task={task} browserZone={browserZone} onSave={onSave} />
          <RemindersEditor task={task} onSave={onSave} />
        </div>
      )}
    </details>
  );
}
