/** When reminders fire, for the scheduler (the Durable Object's alarm entries). */
import { describe, expect, it } from "vitest";
import { reminderTimes } from "./duration.ts";

describe("reminderTimes", () => {
  it("subtracts each lead from dueAt, earliest first, equal times once", () => {
    const dueAt = Date.parse("2026-06-01T09:00:00Z");
    const times = reminderTimes(dueAt, [
      { before: "PT0S" },
      { before: "P1D" },
      { before: "PT1H" },
      { before: "PT60M" },
    ]);
    expect(times.map((time) => new Date(time).toISOString())).toEqual([
      "2026-05-31T09:00:00.000Z",
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T09:00:00.000Z",
    ]);
    expect(reminderTimes(dueAt, [])).toEqual([]);
  });
});
