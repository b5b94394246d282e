/**
 * The dashboard island: quick add, search, sort, views and filters kept in
 * the URL, the list (under day headings in Today and Upcoming) with
 * toggle-all, counts, Clear completed, Undo, and more pages as the person
 * scrolls. The server renders the first page into the HTML.
 */

import { useEffect, useRef, useState } from "react";
import { SEARCH_MAX } from "#api/client";
import { groupByDay } from "./day-groups.ts";
import { FilterBar } from "./FilterBar.tsx";
import { HelpDialog } from "./HelpDialog.tsx";
import { LiveStatus } from "./live/LiveStatus.tsx";
import { emptyText } from "./messages.ts";
import { Notices } from "./Notices.tsx";
import { QuickAddForm } from "./QuickAddForm.tsx";
import { NotificationsButton } from "./recurring/NotificationsButton.tsx";
import { RecurringNotices } from "./recurring/RecurringNotices.tsx";
import { useFocusTask } from "./recurring/use-focus-task.ts";
import { TaskItem } from "./TaskItem.tsx";
import type { Task, TaskList } from "./types.ts";
import { useTaskBoard } from "./use-task-board.ts";
import { useViewCounts } from "./use-view-counts.ts";
import { dependsOnZone, readViewQuery, sorts, type ViewQuery, viewQuerySearch } from "./view-query.ts";

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

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function TaskBoard({ userId, apiOrigin, initialQuery, initial, initialFailure = null }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [search, setSearch] = useState(initialQuery.q);
  const [hydrated, setHydrated] = useState(false);
  // Dates show in the server's zone until hydrated, so the first render matches its HTML.
  const [zone, setZone] = useState(initialQuery.tz);
  const board = useTaskBoard(userId, apiOrigin, query, initial, initialFailure);
  const newTask = useRef<HTMLInputElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const help = useRef<HTMLDialogElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  const viewCounts = useViewCounts(userId, apiOrigin, query, board.counts);
  useFocusTask(hydrated);

  // "Today" is the browser's: remember its zone for the server, and correct the server's guess.
  useEffect(() => {
    const zone = browserZone();
    // biome-ignore lint/suspicious/noDocumentCookie: one fixed, encoded value; the Cookie Store API is not in every browser.
    document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    setQuery((q) => (q.tz === zone || !dependsOnZone(q) ? q : { ...q, tz: zone }));
    setZone(zone);
    setHydrated(true);
  }, []);

  /** A new view goes into the URL; filters get a history entry so Back returns to the last one. */
  function navigate(view: ViewQuery, push: boolean) {
    const next = { ...view, tz: browserZone() };
    setQuery(next);
    setSearch(next.q);
    const url = `${window.location.pathname}${viewQuerySearch(next)}`;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  useEffect(() => {
    const onPop = () => {
      const next = readViewQuery(new URLSearchParams(window.location.search), browserZone());
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

  const { counts, items } = board;
  const allDone = counts.all > 0 && counts.pending === 0;
  // Grouped with the zone the list was loaded for, so the server's HTML and the first render agree.
  const groups = groupByDay(query.view, items, Date.now(), query.tz);
  const renderItem = (task: Task) => (
    <TaskItem
      key={task.id}
      task={task}
      pending={board.drafts.has(task.id)}
      onToggle={(t, done) => void board.setCompleted(t, done)}
      onSave={(t, changes) => void board.save(t, changes)}
      onDelete={(t) => board.remove(t)}
      tagLink={(tag) => ({ ...query, tag })}
      navigate={navigate}
      timeZone={zone}
    />
  );

  return (
    <section aria-labelledby="tasks-heading" className="board">
      <div className="board-heading">
        <h1 id="tasks-heading">Your tasks</h1>
        <button type="button" className="quiet" disabled={!hydrated} onClick={() => help.current?.showModal()}>
          Keyboard shortcuts
        </button>
      </div>
      <NotificationsButton userId={userId} apiOrigin={apiOrigin} hydrated={hydrated} />

      <QuickAddForm
        inputRef={newTask}
        onAdd={({ title, tags, priority, dueAt }) =>
          board.add({ title, tags, dueAt, ...(priority ? { priority } : {}) })
        }
      />

      <div className="toolbar">
        <div className="field">
          <label htmlFor="task-search">Search tasks</label>
          <input
            id="task-search"
            ref={searchBox}
            type="search"
            value={search}
            maxLength={SEARCH_MAX}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {/* Today and Upcoming are always in due order. */}
        <div className={query.view === "all" ? "field" : "field view-sorted"}>
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

      <FilterBar query={query} counts={counts} viewCounts={viewCounts} navigate={navigate} />
      <LiveStatus status={board.live} />

      <Notices
        failure={board.failure}
        onDismiss={board.dismissFailure}
        undoable={board.undoable}
        onUndo={board.undo}
        holdUndo={board.holdUndo}
        announcement={board.announcement}
      />
      <RecurringNotices board={board} />

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
        <p className="empty">{emptyText(query, board.loading)}</p>
      ) : groups ? (
        groups.map((group) => (
          <section key={group.key} aria-labelledby={`day-${group.key}`} className="day-group">
            <h2 id={`day-${group.key}`}>{group.label}</h2>
            <ul aria-labelledby={`day-${group.key}`} className="task-list">
              {group.tasks.map(renderItem)}
            </ul>
          </section>
        ))
      ) : (
        <ul aria-label="Tasks" className="task-list">
          {items.map(renderItem)}
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
