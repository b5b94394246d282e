/**
 * One task: a checkbox labelled by its title, edit in place (double-click,
 * Enter or F2 on the title, or the Edit button; Enter or leaving the field
 * saves, Escape cancels), details (description, priority, tags, due date)
 * that expand and save as they change, tag chips that filter by their tag,
 * and Delete.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { TITLE_MAX } from "#api/client";
import { repeatWords } from "./recurring/repeat-rule.ts";
import { priorityLabels, TaskDetails } from "./TaskDetails.tsx";
import type { TaskChanges } from "./task-changes.ts";
import type { Task } from "./types.ts";
import { ViewLink } from "./ViewLink.tsx";
import type { ViewQuery } from "./view-query.ts";

interface Props {
  task: Task;
  /** Shown before the server has created it: nothing can be done to it yet. */
  pending: boolean;
  onToggle: (task: Task, completed: boolean) => void;
  onSave: (task: Task, changes: TaskChanges) => void;
  onDelete: (task: Task) => void;
  /** The view a tag chip leads to. */
  tagLink: (tag: string) => ViewQuery;
  navigate: (next: ViewQuery, push: boolean) => void;
  /** The zone to show dates in: the server's guess at first (so hydration matches), then the browser's. */
  timeZone: string;
}

function formatDue(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(iso),
  );
}

export function TaskItem({ task, pending, onToggle, onSave, onDelete, tagLink, navigate, timeZone }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(task.title);
  const input = useRef<HTMLInputElement>(null);
  const titleButton = useRef<HTMLButtonElement>(null);
  const repeats = repeatWords(task.repeat);
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

  return (
    <li
      data-task-id={task.id}
      className={`task${task.completed ? " completed" : ""}${overdue ? " overdue" : ""}`}
      aria-busy={pending}
    >
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
            maxLength={TITLE_MAX}
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
            <ViewLink key={tag} to={tagLink(tag)} navigate={navigate} className="badge tag">
              <span className="visually-hidden">Show tasks tagged </span>#{tag}
            </ViewLink>
          ))}
          {task.dueAt && (
            <span className="due">
              {overdue ? "Overdue: " : "Due "}
              <time dateTime={task.dueAt}>{formatDue(task.dueAt, timeZone)}</time>
            </span>
          )}
          {repeats && <span className="repeats">Repeats {repeats}</span>}
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
      {!pending && <TaskDetails task={task} onSave={onSave} browserZone={timeZone} />}
    </li>
  );
}
