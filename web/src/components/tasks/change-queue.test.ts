import { describe, expect, it } from "vitest";
import { createChangeQueue } from "./change-queue.ts";
import type { Task } from "./types.ts";

const task = (id: string, version: number): Task => ({
  id,
  title: id,
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
});

/** A promise settled from outside, standing for a request in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe("change queue", () => {
  it("sends a task's changes one after another, even after one fails", async () => {
    const queue = createChangeQueue();
    const order: string[] = [];
    const first = deferred();
    const one = queue.serial("a", async () => {
      order.push("first starts");
      await first.promise;
      order.push("first ends");
    });
    const two = queue.serial("a", async () => void order.push("second"));
    const other = queue.serial("b", async () => void order.push("other task"));
    await other;
    expect(order).toEqual(["first starts", "other task"]);
    first.reject(new Error("refused"));
    await expect(one).rejects.toThrow("refused");
    await two;
    expect(order).toEqual(["first starts", "other task", "second"]);
  });

  it("sends the version the server last confirmed in If-Match, not a stale copy's", () => {
    const queue = createChangeQueue([task("a", 3)]);
    expect(queue.etag(task("a", 1))).toBe('"3"');
    queue.confirmed(task("a", 4));
    expect(queue.etag(task("a", 3))).toBe('"4"');
    queue.bumped([task("a", 4)]);
    expect(queue.etag(task("a", 4))).toBe('"5"');
    expect(queue.etag(task("new", 1))).toBe('"1"');
  });

  it("tells a change queued before a conflict that it is stale, and later ones that they are not", async () => {
    const queue = createChangeQueue();
    const inFlight = deferred();
    const first = queue.change("a", async () => inFlight.promise);
    const queued = queue.change("a", async (stale) => stale);
    queue.conflicted("a");
    const after = queue.change("a", async (stale) => stale);
    inFlight.resolve();
    await first;
    expect(await queued).toBe(true);
    expect(await after).toBe(false);
  });
});

describe("own deletions' live echoes", () => {
  // The bug this catches: Delete then Undo at once, and the deletion's echo, arriving after the
  // task was put back (a restore keeps the version), took the task out of the list again.
  it("recognises the echo of this tab's deletion once, and nothing else", () => {
    const queue = createChangeQueue([task("a", 3)]);
    queue.deleting("a");
    expect(queue.ownDeletionEcho("b")).toBe(false);
    expect(queue.ownDeletionEcho("a")).toBe(true);
    // Deleted again elsewhere after the Undo: that one is news.
    expect(queue.ownDeletionEcho("a")).toBe(false);
  });

  it("expects no echo from a deletion that was refused", () => {
    const queue = createChangeQueue([task("a", 3)]);
    queue.deleting("a");
    queue.notDeleting("a");
    expect(queue.ownDeletionEcho("a")).toBe(false);
  });
});
