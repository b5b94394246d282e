import { describe, expect, it } from "vitest";
import {
  countsAfter,
  createdTasks,
  initialListState,
  type ListState,
  listReducer,
  placesOf,
  putBack,
  visibleIn,
} from "./list-state.ts";
import type { Task } from "./types.ts";
import { readViewQuery } from "./view-query.ts";

const task = (id: string, completed = false): Task => ({
  id,
  title: id,
  description: null,
  completed,
  completedAt: completed ? "2026-11-30T00:00:00.000Z" : null,
  priority: "none",
  tags: [],
  dueAt: null,
  repeat: null,
  timeZone: null,
  repeatFrom: "due",
  reminders: [],
  createdAt: "2026-11-30T00:00:00.000Z",
  updatedAt: "2026-11-30T00:00:00.000Z",
  version: 1,
});

const view = (filter: "all" | "active" | "completed" = "all") => ({ ...readViewQuery(new URLSearchParams()), filter });

const stateOf = (items: Task[]): ListState =>
  initialListState({
    items,
    nextCursor: null,
    counts: {
      all: items.length,
      pending: items.filter((t) => !t.completed).length,
      completed: items.filter((t) => t.completed).length,
    },
  });

// Covers 003 FR-020.
describe("list state", () => {
  it("counts tasks leaving and joining by their status", () => {
    const counts = { all: 3, pending: 2, completed: 1 };
    expect(countsAfter(counts, [task("a"), task("b", true)])).toEqual({ all: 1, pending: 1, completed: 0 });
    expect(countsAfter(counts, [task("a")], [task("a", true)])).toEqual({ all: 3, pending: 1, completed: 2 });
  });

  it("shows a task in a status filter only when its status matches", () => {
    expect(visibleIn(view("all"), task("a", true))).toBe(true);
    expect(visibleIn(view("active"), task("a", true))).toBe(false);
    expect(visibleIn(view("completed"), task("a", true))).toBe(true);
  });

  it("puts removed tasks back where they stood, once each", () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map((id) => task(id)) as [Task, Task, Task, Task];
    const list = [a, b, c, d];
    const placed = placesOf(list, [d, b]);
    const without = [a, c];
    expect(putBack(without, placed).map((t) => t.id)).toEqual(["a", "b", "c", "d"]);
    // Already back (a restore answered twice, say): not repeated.
    expect(putBack(list, placed).map((t) => t.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("list reducer", () => {
  it("shows a draft at once, counted and marked as a draft, then swaps in the created task", () => {
    const draft = task("draft");
    let state = listReducer(stateOf([task("a")]), { type: "draft", task: draft, shown: true });
    expect(state.items.map((t) => t.id)).toEqual(["draft", "a"]);
    expect(state.counts).toEqual({ all: 2, pending: 2, completed: 0 });
    expect(createdTasks(state).map((t) => t.id)).toEqual(["a"]);
    state = listReducer(state, { type: "created", draftId: "draft", task: task("real") });
    expect(state.items.map((t) => t.id)).toEqual(["real", "a"]);
    expect(state.drafts.size).toBe(0);
    expect(state.counts.all).toBe(2);
  });

  it("counts a draft the view does not show, and forgets a refused one", () => {
    const draft = task("draft");
    let state = listReducer(stateOf([]), { type: "draft", task: draft, shown: false });
    expect(state.items).toEqual([]);
    expect(state.counts.all).toBe(1);
    state = listReducer(state, { type: "remove", tasks: [draft] });
    expect(state.counts).toEqual({ all: 0, pending: 0, completed: 0 });
    expect(state.drafts.size).toBe(0);
  });

  it("applies a change optimistically and rolls it back to exactly where it was", () => {
    const before = stateOf([task("a"), task("b")]);
    const a = before.items[0] as Task;
    const done = { ...a, completed: true };
    const applied = listReducer(before, { type: "show", tasks: [done], before: [a] });
    expect(applied.items[0]?.completed).toBe(true);
    expect(applied.counts).toEqual({ all: 2, pending: 1, completed: 1 });
    const rolledBack = listReducer(applied, { type: "show", tasks: [a], before: [done] });
    expect(rolledBack.items).toEqual(before.items);
    expect(rolledBack.counts).toEqual(before.counts);
  });

  it("appends a further page without repeating tasks, and keeps the first page's counts", () => {
    const state = stateOf([task("a"), task("b")]);
    const more = listReducer(state, {
      type: "page",
      more: true,
      page: { items: [task("b"), task("c")], nextCursor: "next" },
    });
    expect(more.items.map((t) => t.id)).toEqual(["a", "b", "c"]);
    expect(more.nextCursor).toBe("next");
    expect(more.counts).toEqual(state.counts);
  });

  it("ignores a server's counts when a local change came after the request started", () => {
    const state = stateOf([task("a", true)]);
    const cleared = listReducer(state, { type: "count", set: { all: 0, pending: 0, completed: 0 } });
    const epoch = cleared.epoch;
    const server = { all: 0, pending: 0, completed: 0 };
    expect(listReducer(cleared, { type: "serverCounts", epoch, counts: server }).counts).toEqual(server);
    const later = listReducer(cleared, { type: "count", added: [task("b")] });
    expect(listReducer(later, { type: "serverCounts", epoch, counts: server }).counts).toEqual(later.counts);
  });

  it("puts deleted tasks back only where the view shows them, and counts a restored batch as completed", () => {
    const [a, b] = [task("a"), task("b", true)];
    const state = stateOf([a, b]);
    const placed = placesOf(state.items, [a, b]);
    const removed = listReducer(state, { type: "remove", tasks: [a, b] });
    const back = listReducer(removed, { type: "putBack", placed, query: view("active") });
    expect(back.items.map((t) => t.id)).toEqual(["a"]);
    const counted = listReducer(removed, { type: "count", added: [a], extraCompleted: 1 });
    expect(counted.counts).toEqual(state.counts);
  });
});

// Live sync (issue 16) dispatches its events here.
describe("live events in the list", () => {
  it("applies changes made elsewhere by version, and a count change moves the epoch", () => {
    const a = task("a");
    const before = stateOf([a]);
    const created = { ...task("b"), version: 1 };
    const after = listReducer(before, {
      type: "events",
      events: [{ type: "task.created", id: "b", version: 1, task: created, cursor: "1" }],
    });
    expect(after.items.map((t) => t.id)).toEqual(["b", "a"]);
    expect(after.counts).toEqual({ all: 2, pending: 2, completed: 0 });
    expect(after.epoch).toBe(before.epoch + 1);
    // The same event again (a replay from the feed) changes nothing.
    expect(
      listReducer(after, {
        type: "events",
        events: [{ type: "task.created", id: "b", version: 1, task: created, cursor: "1" }],
      }),
    ).toBe(after);
  });
});
