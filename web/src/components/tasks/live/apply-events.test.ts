import { describe, expect, it } from "vitest";
import type { Task } from "../types.ts";
import { applyEvent, applyEvents, type ListState, laterCursor, type TaskEvent } from "./apply-events.ts";

function task(id: string, version: number, fields: Partial<Task> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    description: null,
    completed: false,
    completedAt: null,
    priority: "none",
    tags: [],
    dueAt: null,
    repeat: null,
    timeZone: null,
    repeatFrom: "due",
    reminders: [],
    createdAt: "2026-11-30T00:00:00.000Z",
    updatedAt: "2026-11-30T00:00:00.000Z",
    version,
    ...fields,
  };
}

const state = (...items: Task[]): ListState => ({
  items,
  counts: {
    all: items.length,
    pending: items.filter((t) => !t.completed).length,
    completed: items.filter((t) => t.completed).length,
  },
  drafts: new Set(items.filter((t) => t.version === 0).map((t) => t.id)),
});

const event = (type: TaskEvent["type"], t: Task, cursor = "1"): TaskEvent =>
  type === "task.deleted"
    ? { type, id: t.id, version: t.version, cursor }
    : { type, id: t.id, version: t.version, task: t, cursor };

// Covers 003 FR-040.
describe("applying live events by version", () => {
  it("adds a created task at the top, once, and counts it", () => {
    const created = task("b", 1);
    const once = applyEvent(state(task("a", 1)), event("task.created", created));
    expect(once.items.map((t) => t.id)).toEqual(["b", "a"]);
    expect(once.counts).toEqual({ all: 2, pending: 2, completed: 0 });
    expect(applyEvent(once, event("task.created", created))).toBe(once);
  });

  it("replaces a task with a newer version in place, and moves it between the counts", () => {
    const before = state(task("a", 1), task("b", 3));
    const after = applyEvent(before, event("task.updated", task("b", 4, { completed: true })));
    expect(after.items.map((t) => [t.id, t.version, t.completed])).toEqual([
      ["a", 1, false],
      ["b", 4, true],
    ]);
    expect(after.counts).toEqual({ all: 2, pending: 1, completed: 1 });
  });

  it("ignores a stale or repeated update, so an echo never undoes a newer local copy", () => {
    const before = state(task("a", 5, { title: "Newest" }));
    expect(applyEvent(before, event("task.updated", task("a", 4, { title: "Older" })))).toBe(before);
    expect(applyEvent(before, event("task.updated", task("a", 5, { title: "Same version" })))).toBe(before);
  });

  it("leaves tasks that are not loaded alone, except for creations", () => {
    const before = state(task("a", 1));
    expect(applyEvent(before, event("task.updated", task("z", 2)))).toBe(before);
    expect(applyEvent(before, event("task.deleted", task("z", 2)))).toBe(before);
  });

  it("removes a deleted task and uncounts it, but not a newer copy", () => {
    const before = state(task("a", 2, { completed: true }), task("b", 1));
    const after = applyEvent(before, event("task.deleted", task("a", 2)));
    expect(after.items.map((t) => t.id)).toEqual(["b"]);
    expect(after.counts).toEqual({ all: 1, pending: 1, completed: 0 });
    expect(applyEvent(state(task("a", 3)), event("task.deleted", task("a", 2))).items).toHaveLength(1);
  });

  it("lets this tab's own new task take its draft's place when the echo beats the answer", () => {
    // A draft is known by the list's draft set (version 0 here), not by its id.
    const draft = task("d1", 0, { title: "Buy milk" });
    const before = state(task("a", 1), draft);
    const after = applyEvent(before, event("task.created", task("real", 1, { title: "Buy milk" })));
    expect(after.items.map((t) => t.id)).toEqual(["a", "real"]);
    expect(after.counts).toBe(before.counts);
  });

  it("brings back a restored task as a creation, and applies a sequence in order", () => {
    const t = task("a", 2);
    const after = applyEvents(state(t), [event("task.deleted", t, "1"), event("task.created", t, "2")]);
    expect(after.items).toEqual([t]);
    expect(after.counts).toEqual({ all: 1, pending: 1, completed: 0 });
  });

  it("keeps the later of two cursors", () => {
    expect(laterCursor(null, "3")).toBe("3");
    expect(laterCursor("10", "9")).toBe("10");
    expect(laterCursor("9", "10")).toBe("10");
  });
});
