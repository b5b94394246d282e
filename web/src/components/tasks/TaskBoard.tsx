/**
 * The dashboard island: new-task box, search, sort, filters kept in the URL,
 * the list with toggle-all, counts, Clear completed, Undo, and more pages as
 * the person scrolls. The server renders the first page into the HTML.
 */
import { type KeyboardEvent, type SubmitEvent, useEffect, useRef, useState } from "react";
import { HelpDialog } from "./HelpDialog.tsx";
import { TaskItem } from "./TaskItem.tsx";
import type { TaskList } from "./types.ts";
import { useTaskBoard } from "./use-task-board.ts";
import { filters, readViewQuery, sorts, type ViewQuery, viewQuerySearch } from "./view-query.ts";

interface Props {
  userId: string;
  apiOrigin: string;
  initialQuery: ViewQuery;
  /** The first page, fetched by the server; null when it could not be. */
  initial: TaskList | null;
  /** A message from the server-side add (the form posted before hydration), if it failed. */
  initialFailure?: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function TaskBoard({ userId, apiOrigin, initialQuery, initial, initialFailure = null }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [search, setSearch] = useState(initialQuery.q);
  const [hydrated, setHydrated] = useState(false);
  const board = useTaskBoard(userId, apiOrigin, query, initial, initialFailure);
  const newTask = useRef<HTMLInputElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const help = useRef<HTMLDialogElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => setHydrated(true), []);

  /** A new view goes into the URL; filters get a history entry so Back returns to the last one. */
  function navigate(next: ViewQuery, push: boolean) {
    setQuery(next);
    const url = `${window.location.pathname}${viewQuerySearch(next)}`;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  useEffect(() => {
    const onPop = () => {
      const next = readViewQuery(new URLSearchParams(window.location.search));
      setQuery(next);
      setSearch(next.q);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  // Search as the person types, once they pause.
  useEffect(() => {
    if (search === query.q) return;
    const timer = setTimeout(() => navigate({ ...query, q: search }, false), 250);
    return () => clearTimeout(timer);
  });

  // Shortcuts: n (new task), / (search), ? (help); never while typing.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const focus = { n: newTask, "/": searchBox }[event.key];
      if (focus) {
        event.preventDefault();
        focus.current?.focus();
      } else if (event.key === "?") {
        event.preventDefault();
        help.current?.showModal();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Load the next page when the end of the list scrolls into view.
  const { loadMore, nextCursor } = board;
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !nextCursor) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore());
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore, nextCursor]);

  // The new-task box is uncontrolled: what someone typed before the island hydrated is kept.
  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = newTask.current;
    const trimmed = input?.value.trim() ?? "";
    if (!input || !trimmed) return;
    input.value = "";
    if (!(await board.add({ title: trimmed }))) input.value = trimmed;
  }

  function onNewTaskKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") event.currentTarget.value = "";
  }

  const { counts, items } = board;
  const allDone = counts.all > 0 && counts.pending === 0;

  return (
    <section aria-labelledby="tasks-heading" className="board">
      <div className="board-heading">
        <h1 id="tasks-heading">Your tasks</h1>
        <button type="button" className="quiet" disabled={!hydrated} onClick={() => help.current?.showModal()}>
          Keyboard shortcuts
        </button>
      </div>

      {/* Before hydration the form posts to the page itself, which adds the task on the server. */}
      <form className="new-task" method="post" onSubmit={add}>
        <label htmlFor="new-task-title">New task</label>
        <input
          id="new-task-title"
          name="title"
          ref={newTask}
          required
          onKeyDown={onNewTaskKey}
          placeholder="What needs doing?"
          maxLength={200}
          autoComplete="off"
        />
        <button type="submit">Add task</button>
      </form>

      <div className="toolbar">
        <div className="field">
          <label htmlFor="task-search">Search tasks</label>
          <input
            id="task-search"
            ref={searchBox}
            type="search"
            value={search}
            maxLength={200}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="task-sort">Sort by</label>
          <select
            id="task-sort"
            value={query.sort}
            onChange={(e) => navigate({ ...query, sort: e.target.value as ViewQuery["sort"] }, false)}
          >
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <nav aria-label="Show" className="filters">
        {filters.map((f) => (
          <a
            key={f.value}
            href={viewQuerySearch({ ...query, filter: f.value }) || "?"}
            aria-current={query.filter === f.value ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ ...query, filter: f.value }, true);
            }}
          >
            {f.label}
            <span className="count">
              {" "}
              ({f.value === "all" ? counts.all : f.value === "active" ? counts.pending : counts.completed})
            </span>
          </a>
        ))}
      </nav>

      {board.failure && (
        <div className="notice error" role="alert">
          <p>
            {board.failure.message} {board.failure.signedOut && <a href="/sign-in?returnTo=/tasks">Sign in again</a>}
          </p>
          <button type="button" className="quiet" onClick={board.dismissFailure}>
            Dismiss
          </button>
        </div>
      )}

      {board.undoable && (
        <div className="notice" role="status">
          <p>{board.undoable}</p>
          <button type="button" onClick={board.undo}>
            Undo
          </button>
        </div>
      )}

      <p className="visually-hidden" aria-live="polite">
        {board.announcement}
      </p>

      {counts.all > 0 && (
        <div className="list-controls">
          <label className="toggle-all">
            <input
              type="checkbox"
              checked={allDone}
              disabled={!hydrated}
              onChange={() => void board.setAllCompleted(!allDone)}
            />
            Mark all as {allDone ? "not complete" : "complete"}
          </label>
          <span aria-live="polite">{plural(counts.pending, "item left", "items left")}</span>
          {counts.completed > 0 && (
            <button type="button" className="quiet" disabled={!hydrated} onClick={board.clearCompleted}>
              Clear completed
            </button>
          )}
        </div>
      )}

      {items.length === 0 ? (
        <p className="empty">
          {board.loading
            ? "Loading your tasks…"
            : query.q
              ? "No tasks match your search."
              : query.filter === "all"
                ? "No tasks yet. Add your first one above."
                : `No ${query.filter} tasks.`}
        </p>
      ) : (
        <ul aria-label="Tasks" className="task-list">
          {items.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              onToggle={(t, done) => void board.setCompleted(t, done)}
              onSave={(t, changes) => void board.save(t, changes)}
              onDelete={(t) => board.remove(t)}
            />
          ))}
        </ul>
      )}

      {board.nextCursor && (
        <div ref={sentinel} className="more">
          <button type="button" onClick={() => void board.loadMore()} disabled={board.loading}>
            {board.loading ? "Loading…" : "Load more tasks"}
          </button>
        </div>
      )}

      <HelpDialog ref={help} />
    </section>
  );
}
