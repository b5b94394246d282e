import { describe, expect, it } from "vitest";
import { said } from "./messages.ts";
import type { Task } from "./types.ts";
import type { Deletion } from "./undo-offer.ts";

const single = (title: string): Deletion => ({
  kind: "task",
  placed: { task: { title } as Task, index: 0 },
  sent: Promise.resolve(true),
});
const batch = (count: number): Deletion => ({ kind: "batch", placed: [], count, sent: Promise.resolve(null) });

describe("messages", () => {
  it("names one deleted task, and counts several", () => {
    expect(said.deleted([single("Rent")])).toBe("Deleted “Rent”.");
    expect(said.deleted([single("Rent"), batch(2)])).toBe("Deleted 3 tasks.");
    expect(said.deleted([batch(1)])).toBe("Deleted 1 task.");
    expect(said.restored([single("Rent")])).toBe("Restored “Rent”.");
    expect(said.restored([batch(2)])).toBe("Restored 2 tasks.");
  });

  it("words bulk completion in the singular and plural", () => {
    expect(said.markedAll(1, true)).toBe("Marked 1 task complete.");
    expect(said.markedAll(4, false)).toBe("Marked 4 tasks not complete.");
  });
});
