/**
 * One task: a checkbox labelled by its title, edit in place (double-click,
 * Enter or F2 on the title, or the Edit button; Enter or leaving the field
 * saves, Escape cancels), details (description, priority, tags, due date)
 * that expand, and Delete.
 */
import { type KeyboardEvent, type SubmitEvent, useEffect, useId, useRef, useState } from "react";
import type { Priority, Task } from "./types.ts";
import type { TaskChanges } from "./use-task-board.ts";

interface Props {
  task: Task;
  onToggle: (task: Task, completed: boolean) => void;
  onSave: (task: Task, changes: TaskChanges) => void;
  onDelete: (task: Task) => void;
}

const priorityLabels: Record<Priority, string> = { none: "No priority", low: "Low", medium: "Medium", high: "High" };

/** `datetime-local` wants local wall time without an offset. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function formatDue(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function TaskItem({ task, onToggle, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(task.title);
  const input = useRef<HTMLInputElement>(null);
  const titleButton = useRef<HTMLButtonElement>(null);
  const detailsId = useId();
  const pending = task.id.startsWith("draft-");
  const overdue = !task.completed && task.dueAt !== null && Date.parse(task.dueAt) < Date.now();

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  function startEditing() {
    setDraft(task.title);
    setEditing(true);
  }

  function finishEditing(commit: boolean) {
    if (!editing) return;
    setEditing(false);
    const title = draft.trim();
    if (commit && title !== task.title) {
      if (!title) {
        if (window.confirm(`The title is empty. Delete “${task.title}”?`)) onDelete(task);
      } else {
        onSave(task, { title });
      }
    }
    // Keep the keyboard where it was.
    queueMicrotask(() => titleButton.current?.focus());
  }

  function onEditKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter" && event.key !== "Escape") return;
    // Otherwise the same key press would also activate the title button that takes focus next.
    event.preventDefault();
    finishEditing(event.key === "Enter");
  }

  function onTitleKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "F2") {
      event.preventDefault();
      startEditing();
    }
  }

  function saveDetails(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const due = String(form.get("dueAt") ?? "");
    const tags = String(form.get("tags") ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    onSave(task, {
      description: String(form.get("description") ?? "").trim() || null,
      priority: String(form.get("priority")) as Priority,
      tags,
      dueAt: due ? new Date(due).toISOString() : null,
    });
  }

  return (
    <li className={`task${task.completed ? " completed" : ""}${overdue ? " overdue" : ""}`} aria-busy={pending}>
      <div className="task-row">
        <input
          type="checkbox"
          className="task-check"
          checked={task.completed}
          disabled={pending}
          aria-label={task.title}
          onChange={(e) => onToggle(task, e.target.checked)}
        />
        {editing ? (
          <input
            ref={input}
            className="task-edit"
            aria-label={`Edit title of “${task.title}”`}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onEditKey}
            onBlur={() => finishEditing(true)}
          />
        ) : (
          <button
            ref={titleButton}
            type="button"
            className="task-title"
            onDoubleClick={startEditing}
            onKeyDown={onTitleKey}
            onClick={(e) => e.detail === 0 && startEditing()}
            disabled={pending}
            aria-description="Press Enter or F2 to edit"
          >
            {task.title}
          </button>
        )}
        <span className="task-meta">
          {task.priority !== "none" && (
            <span className={`badge priority-${task.priority}`}>{priorityLabels[task.priority]} priority</span>
          )}
          {task.tags.map((tag) => (
            <span key={tag} className="badge tag">
              #{tag}
            </span>
          ))}
          {task.dueAt && (
            <span className="due">
              {overdue ? "Overdue: " : "Due "}
              <time dateTime={task.dueAt}>{formatDue(task.dueAt)}</time>
            </span>
          )}
        </span>
        <span className="task-actions">
          <button type="button" className="quiet" onClick={startEditing} disabled={pending}>
            Edit<span className="visually-hidden"> “{task.title}”</span>
          </button>
          <button type="button" className="quiet danger" onClick={() => onDelete(task)} disabled={pending}>
            Delete<span className="visually-hidden"> “{task.title}”</span>
          </button>
        </span>
      </div>
      {!pending && (
        <details className="task-details">
          <summary>
            Details<span className="visually-hidden"> of “{task.title}”</span>
          </summary>
          <form onSubmit={saveDetails} aria-label={`Details of “${task.title}”`}>
            <label htmlFor={`${detailsId}-description`}>Description</label>
            <textarea
              id={`${detailsId}-description`}
              name="description"
              defaultValue={task.description ?? ""}
              maxLength={1000}
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
              <input
                id={`${detailsId}-due`}
                name="dueAt"
                type="datetime-local"
                defaultValue={toLocalInput(task.dueAt)}
              />
            </div>
            <button type="submit">Save details</button>
          </form>
        </details>
      )}
    </li>
  );
}
