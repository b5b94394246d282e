import { describe, expect, it } from "vitest";
import { groupByDay } from "./day-groups.ts";
import type { Task } from "./types.ts";

const task = (id: string, dueAt: string | null): Task => ({
  id,
  title: id,
  description: null,
  completed: false,
  completedAt: null,
  priority: "none",
  tags: [],
  dueAt,
  repeat: null,
  timeZone: null,
  repeatFrom: "due",
  reminders: [],
  createdAt: "2026-11-30T00:00:00.000Z",
  updatedAt: "2026-11-30T00:00:00.000Z",
  version: 1,
});
const BERLIN = "Europe/Berlin";
// Monday 30 November 2026, 10:00 in Berlin.
const NOW = Date.parse("2026-11-30T09:00:00Z");
const shape = (groups: ReturnType<typeof groupByDay>) => groups?.map((g) => [g.label, g.tasks.map((t) => t.id)]);

// Covers 003 FR-035, 003 FR-038.
describe("day groups", () => {
  it("puts Upcoming under Tomorrow and then the weekday and date, in local days", () => {
    const tasks = [
      task("a", "2026-11-30T23:30:00Z"), // 00:30 Tuesday in Berlin
      task("b", "2026-12-01T12:00:00Z"),
      task("c", "2026-12-03T08:00:00Z"),
    ];
    expect(shape(groupByDay("upcoming", tasks, NOW, BERLIN))).toEqual([
      ["Tomorrow", ["a", "b"]],
      ["Thursday 3 December", ["c"]],
    ]);
  });

  it("splits Today into Overdue and Today", () => {
    const tasks = [task("old", "2026-11-20T08:00:00Z"), task("now", "2026-11-30T15:00:00Z")];
    expect(shape(groupByDay("today", tasks, NOW, BERLIN))).toEqual([
      ["Overdue", ["old"]],
      ["Today", ["now"]],
    ]);
  });

  it("has no headings in the All view", () => {
    expect(groupByDay("all", [task("a", null)], NOW, BERLIN)).toBeNull();
  });
});
