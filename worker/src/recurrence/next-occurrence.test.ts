/**
 * Issue 15's "Done when" dates, exactly, plus clock changes, RFC 5545's
 * skipped dates, COUNT and UNTIL, and `repeatFrom: "completion"`.
 */
import { describe, expect, it } from "vitest";
import { type NextOccurrenceInput, nextOccurrence } from "./next-occurrence.ts";
import { parseRule } from "./rule.ts";

function next(repeat: string, timeZone: string, dueAt: string, extra: Partial<NextOccurrenceInput> = {}) {
  const parsed = parseRule(repeat);
  if (!parsed.ok) throw new Error(parsed.message);
  const due = Date.parse(dueAt);
  const result = nextOccurrence({
    rule: parsed.rule,
    timeZone,
    dueAt: due,
    repeatFrom: "due",
    completedAt: due,
    completedBefore: 0,
    ...extra,
  });
  return result === null ? null : new Date(result).toISOString();
}

// Covers 004 FR-005.
describe("issue 15's examples", () => {
  it("moves weekly on Monday 09:00 Europe/Berlin from 2026-03-23 to 2026-03-30T07:00Z, across the clock change", () => {
    expect(next("FREQ=WEEKLY;BYDAY=MO", "Europe/Berlin", "2026-03-23T09:00:00+01:00")).toBe("2026-03-30T07:00:00.000Z");
  });

  it("moves the last Friday 18:00 Berlin from 2026-01-30 to 2026-02-27T17:00Z", () => {
    expect(next("FREQ=MONTHLY;BYDAY=-1FR", "Europe/Berlin", "2026-01-30T18:00:00+01:00")).toBe(
      "2026-02-27T17:00:00.000Z",
    );
  });

  it("moves BYMONTHDAY=31 from 31 January to 31 March, skipping February", () => {
    expect(next("FREQ=MONTHLY;BYMONTHDAY=31", "Europe/Berlin", "2026-01-31T09:00:00+01:00")).toBe(
      "2026-03-31T07:00:00.000Z",
    );
  });

  it("moves every 2 weeks on Tue and Thu in New York from 2026-10-29 09:30 to 2026-11-10T14:30Z", () => {
    expect(next("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "America/New_York", "2026-10-29T09:30:00-04:00")).toBe(
      "2026-11-10T14:30:00.000Z",
    );
  });

  it("ends a COUNT series on its last occurrence", () => {
    const rule = "FREQ=DAILY;COUNT=3";
    const due = "2026-05-01T08:00:00Z";
    expect(next(rule, "UTC", due, { completedBefore: 0 })).toBe("2026-05-02T08:00:00.000Z");
    expect(next(rule, "UTC", "2026-05-02T08:00:00Z", { completedBefore: 1 })).toBe("2026-05-03T08:00:00.000Z");
    expect(next(rule, "UTC", "2026-05-03T08:00:00Z", { completedBefore: 2 })).toBeNull();
    expect(next("FREQ=WEEKLY;COUNT=1", "UTC", due)).toBeNull();
  });

  it("ends an UNTIL series after its last occurrence, as an instant or a local date", () => {
    expect(next("FREQ=DAILY;UNTIL=20260502T080000Z", "UTC", "2026-05-01T08:00:00Z")).toBe("2026-05-02T08:00:00.000Z");
    expect(next("FREQ=DAILY;UNTIL=20260502T075959Z", "UTC", "2026-05-01T08:00:00Z")).toBeNull();
    expect(next("FREQ=DAILY;UNTIL=20260502", "Pacific/Auckland", "2026-05-01T08:00:00+12:00")).toBe(
      "2026-05-01T20:00:00.000Z",
    );
    expect(next("FREQ=DAILY;UNTIL=20260501", "Pacific/Auckland", "2026-05-01T08:00:00+12:00")).toBeNull();
  });
});

// Covers 004 FR-006.
describe("RFC 5545 dates", () => {
  it("repeats 29 February in leap years only", () => {
    expect(next("FREQ=YEARLY", "UTC", "2028-02-29T10:00:00Z")).toBe("2032-02-29T10:00:00.000Z");
    expect(next("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "UTC", "2097-02-28T10:00:00Z")).toBe("2104-02-29T10:00:00.000Z");
  });

  it("skips months too short for a MONTHLY rule's day, and reads -1 as the last day", () => {
    expect(next("FREQ=MONTHLY", "UTC", "2026-03-31T10:00:00Z")).toBe("2026-05-31T10:00:00.000Z");
    expect(next("FREQ=MONTHLY;BYMONTHDAY=-1", "UTC", "2026-01-31T10:00:00Z")).toBe("2026-02-28T10:00:00.000Z");
    expect(next("FREQ=MONTHLY;BYMONTHDAY=-1", "UTC", "2028-01-31T10:00:00Z")).toBe("2028-02-29T10:00:00.000Z");
  });

  it("takes the first Monday, the weekdays and BYMONTH as written", () => {
    expect(next("FREQ=MONTHLY;BYDAY=1MO", "UTC", "2026-06-01T10:00:00Z")).toBe("2026-07-06T10:00:00.000Z");
    expect(next("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "UTC", "2026-06-05T10:00:00Z")).toBe("2026-06-08T10:00:00.000Z");
    expect(next("FREQ=DAILY;BYMONTH=6,7", "UTC", "2026-07-31T10:00:00Z")).toBe("2027-06-01T10:00:00.000Z");
    expect(next("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "America/New_York", "2026-11-26T12:00:00-05:00")).toBe(
      "2027-11-25T17:00:00.000Z",
    );
    expect(next("FREQ=MONTHLY;INTERVAL=3", "UTC", "2026-01-15T10:00:00Z")).toBe("2026-04-15T10:00:00.000Z");
  });
});

describe("clock changes", () => {
  it("keeps 09:00 local across the autumn change in New York", () => {
    expect(next("FREQ=DAILY", "America/New_York", "2026-10-31T09:00:00-04:00")).toBe("2026-11-01T14:00:00.000Z");
  });

  it("moves a time that does not exist forward by the gap, and takes the earlier of a time that occurs twice", () => {
    // 02:30 on 29 March 2026 does not exist in Berlin: it is read as 03:30 CEST.
    expect(next("FREQ=DAILY", "Europe/Berlin", "2026-03-28T02:30:00+01:00")).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 on 25 October 2026 occurs twice in Berlin: the first, in CEST.
    expect(next("FREQ=DAILY", "Europe/Berlin", "2026-10-24T02:30:00+02:00")).toBe("2026-10-25T00:30:00.000Z");
  });
});

describe('repeatFrom: "completion"', () => {
  it("counts from the completion's date, at the due date's time of day", () => {
    const completedAt = Date.parse("2026-06-10T16:00:00Z");
    expect(
      next("FREQ=DAILY;INTERVAL=3", "UTC", "2026-06-01T08:00:00Z", { repeatFrom: "completion", completedAt }),
    ).toBe("2026-06-13T08:00:00.000Z");
    // Completed early, before the due date: still counted from the completion.
    const early = Date.parse("2026-05-28T07:00:00Z");
    expect(next("FREQ=WEEKLY", "UTC", "2026-06-01T08:00:00Z", { repeatFrom: "completion", completedAt: early })).toBe(
      "2026-06-04T08:00:00.000Z",
    );
  });

  it("reads the completion's date in the task's zone", () => {
    // 23:30 UTC on 10 June is already 11 June in Tokyo.
    const completedAt = Date.parse("2026-06-10T23:30:00Z");
    expect(
      next("FREQ=DAILY", "Asia/Tokyo", "2026-06-01T09:00:00+09:00", { repeatFrom: "completion", completedAt }),
    ).toBe("2026-06-12T00:00:00.000Z");
  });
});

describe("the end of time", () => {
  it("ends a series whose next date would pass 9999-12-31, and a rule that never matches", () => {
    expect(next("FREQ=YEARLY", "UTC", "9999-06-01T10:00:00Z")).toBeNull();
    expect(next("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "UTC", "2026-01-01T10:00:00Z")).toBeNull();
    expect(next("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "UTC", "2026-01-01T10:00:00Z")).toBeNull();
  });
});
