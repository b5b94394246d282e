// Covers 003 FR-047, 003 FR-048.
import { describe, expect, it } from "vitest";
import { manualTimer } from "../../../../../test-support/manual-timer.ts";
import type { Task } from "../types.ts";
import { UNDO_MS } from "../undo-offer.ts";
import {
  completionNotice,
  createCompletionOffer,
  isReminderDue,
  MAX_REMINDER_NOTICES,
  type RepeatDone,
  withReminder,
} from "./completion-offer.ts";

const DUE = "2026-03-23T08:00:00.000Z";
const before = {
  id: "a",
  title: "Water the plants",
  completed: false,
  dueAt: DUE,
  repeat: "FREQ=WEEKLY;BYDAY=MO",
} as Task;
const next = { ...before, dueAt: "2026-03-30T07:00:00.000Z", version: 2 } as Task;

describe("the completion notice", () => {
  it("gives the next date in the browser's zone, or says the series ended", () => {
    expect(completionNotice(before, next, "Europe/Berlin")).toMatch(
      /^Done: “Water the plants”\. Next due .*2026.*\b0?9:00/,
    );
    expect(completionNotice(before, { ...next, completed: true }, "UTC")).toBe(
      "Done: “Water the plants”. That was its last repeat.",
    );
  });
});

describe("the completion offer", () => {
  const done: RepeatDone = { before, after: next, message: "Done" };
  it("offers the latest completion for UNDO_MS, held while focused", () => {
    const clock = manualTimer();
    const seen: (RepeatDone | null)[] = [];
    const offer = createCompletionOffer((d) => seen.push(d), clock.timer);
    offer.offer(done);
    expect(clock.pending()?.ms).toBe(UNDO_MS);
    offer.hold(true);
    expect(clock.pending()).toBeNull();
    offer.hold(false);
    clock.fire();
    expect(seen.at(-1)).toBeNull();
  });

  it("hands the completion over once", () => {
    const offer = createCompletionOffer(() => undefined, manualTimer().timer);
    offer.offer(done);
    expect(offer.take()).toBe(done);
    expect(offer.take()).toBeNull();
  });
});

describe("in-page reminders", () => {
  const reminder = { type: "reminder.due", taskId: "a", title: "Water the plants", dueAt: DUE } as const;
  it("names the task and its due time, once per task and date, the newest few", () => {
    let notices = withReminder([], reminder, "Europe/Berlin");
    notices = withReminder(notices, reminder, "Europe/Berlin");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/^Reminder: “Water the plants” is due .*\b0?9:00/);
    for (let i = 0; i < 5; i++) notices = withReminder(notices, { ...reminder, taskId: `t${i}` }, "UTC");
    expect(notices).toHaveLength(MAX_REMINDER_NOTICES);
    expect(notices.at(-1)?.key).toBe(`t4@${DUE}`);
  });

  it("accepts only a well-formed reminder.due message", () => {
    expect(isReminderDue(reminder)).toBe(true);
    expect(isReminderDue({ ...reminder, title: 3 })).toBe(false);
    expect(isReminderDue({ type: "task.updated" })).toBe(false);
    expect(isReminderDue(null)).toBe(false);
  });
});
