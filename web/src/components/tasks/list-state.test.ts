import { describe, expect, it } from "vitest";
import { bodyOf, countsAfter, placesOf, problemDetail, putBack, visibleIn } from "./list-state.ts";
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
  createdAt: "2026-11-30T00:00:00.000Z",
  updatedAt: "2026-11-30T00:00:00.000Z",
  version: 1,
});

// Covers 003 FR-020.
describe("list state", () => {
  it("counts tasks leaving and joining by their status", () => {
    const counts = { all: 3, pending: 2, completed: 1 };
    expect(countsAfter(counts, [task("a"), task("b", true)])).toEqual({ all: 1, pending: 1, completed: 0 });
    expect(countsAfter(counts, [task("a")], [task("a", true)])).toEqual({ all: 3, pending: 1, completed: 2 });
  });

  it("shows a task in a status filter only when its status matches", () => {
    const view = (filter: "all" | "active" | "completed") => ({
      ...readViewQuery(new URLSearchParams()),
      filter,
    });
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

  it("words a problem by its field errors, then its detail, then the fallback", async () => {
    expect(problemDetail({ errors: [{ detail: "One." }, { detail: "Two." }], detail: "x" }, "f")).toBe("One. Two.");
    expect(problemDetail({ detail: "Too late." }, "f")).toBe("Too late.");
    expect(problemDetail(null, "Could not.")).toBe("Could not.");
    const refused = { ok: false, json: async () => ({ detail: "No such batch." }) };
    await expect(bodyOf(refused, "f")).rejects.toThrow("No such batch.");
    const notJson = { ok: false, json: async () => Promise.reject(new SyntaxError("bad")) };
    await expect(bodyOf(notJson, "Could not restore the tasks.")).rejects.toThrow("Could not restore the tasks.");
    expect(await bodyOf<{ count: number }>({ ok: true, json: async () => ({ count: 3 }) }, "f")).toEqual({ count: 3 });
  });
});
