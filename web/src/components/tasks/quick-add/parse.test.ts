/** The quick-add syntax, in Node, at fixed instants and zones (clock changes, month and year ends). */
import { describe, expect, it } from "vitest";
import { keepLiteral, parseQuickAdd } from "./parse.ts";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => Date.parse(iso);

// Covers 003 FR-037, 003 FR-038.
describe("quick add", () => {
  it("reads the issue's example: Pay rent tomorrow 9am #home !high", () => {
    // Monday 30 November 2026, 10:00 in Berlin.
    const parsed = parseQuickAdd("Pay rent tomorrow 9am #home !high", at("2026-11-30T09:00:00Z"), BERLIN);
    expect(parsed).toMatchObject({
      title: "Pay rent",
      tags: ["home"],
      priority: "high",
      dueAt: "2026-12-01T08:00:00.000Z",
    });
    expect(parsed.chips.map((chip) => chip.label)).toEqual(["Tomorrow", "09:00", "#home", "High priority"]);
  });

  it("keeps quoted words literal, without the quotes", () => {
    const parsed = parseQuickAdd('"Meet at 9am" #work', at("2026-11-30T09:00:00Z"), BERLIN);
    expect(parsed).toMatchObject({ title: "Meet at 9am", tags: ["work"], dueAt: null, priority: null });
  });

  it("takes several tags, once each, and only the first date, time and priority", () => {
    const parsed = parseQuickAdd("Plan #a #b #A today friday !low !high 9am 10am", at("2026-11-30T09:00:00Z"), BERLIN);
    expect(parsed.tags).toEqual(["a", "b"]);
    expect(parsed.priority).toBe("low");
    expect(parsed.title).toBe("Plan friday !high 10am");
    expect(parsed.dueAt).toBe("2026-11-30T08:00:00.000Z");
  });

  it("reads weekday names as the next such day, never today, and next week as next Monday", () => {
    const monday = at("2026-11-30T09:00:00Z");
    expect(parseQuickAdd("x monday 9am", monday, BERLIN).dueAt).toBe("2026-12-07T08:00:00.000Z");
    expect(parseQuickAdd("x fri 9am", monday, BERLIN).dueAt).toBe("2026-12-04T08:00:00.000Z");
    expect(parseQuickAdd("x next week 9am", monday, BERLIN).dueAt).toBe("2026-12-07T08:00:00.000Z");
    const sunday = at("2026-12-06T09:00:00Z");
    expect(parseQuickAdd("x next week 9am", sunday, BERLIN).dueAt).toBe("2026-12-07T08:00:00.000Z");
  });

  it("reads ISO dates and day-month in either order, this year or next", () => {
    const now = at("2026-12-31T12:00:00Z");
    expect(parseQuickAdd("x 2026-12-24 14:30", now, BERLIN).dueAt).toBe("2026-12-24T13:30:00.000Z");
    expect(parseQuickAdd("x 24 Dec 14:30", now, BERLIN).dueAt).toBe("2027-12-24T13:30:00.000Z");
    expect(parseQuickAdd("x Dec 31 14:30", now, BERLIN).dueAt).toBe("2026-12-31T13:30:00.000Z");
    expect(parseQuickAdd("x 1 January", now, BERLIN).dueAt).toBe("2027-01-01T22:59:00.000Z");
  });

  it("leaves impossible dates and times in the title", () => {
    const parsed = parseQuickAdd("x 2026-02-30 30 Feb 13pm 24:00", at("2026-11-30T09:00:00Z"), BERLIN);
    expect(parsed).toMatchObject({ title: "x 2026-02-30 30 Feb 13pm 24:00", dueAt: null });
    expect(parseQuickAdd("x 29 Feb", at("2027-03-01T09:00:00Z"), BERLIN).dueAt).toBe("2028-02-29T22:59:00.000Z");
  });

  it("crosses the end of a month and of a year in the person's zone, not UTC", () => {
    // 23:30 on 31 December in Berlin is still 22:30 UTC the same day.
    const newYearsEve = at("2026-12-31T22:30:00Z");
    expect(parseQuickAdd("x tomorrow 9am", newYearsEve, BERLIN).dueAt).toBe("2027-01-01T08:00:00.000Z");
    expect(parseQuickAdd("x tomorrow 9am", at("2026-11-30T23:30:00Z"), BERLIN).dueAt).toBe("2026-12-02T08:00:00.000Z");
  });

  it("keeps the wall-clock time across clock changes", () => {
    // Saturday 28 March 2026: clocks go forward on Sunday at 02:00 in Berlin.
    const saturday = at("2026-03-28T12:00:00Z");
    expect(parseQuickAdd("x tomorrow 9am", saturday, BERLIN).dueAt).toBe("2026-03-29T07:00:00.000Z");
    expect(parseQuickAdd("x tomorrow 2:30am", saturday, BERLIN).dueAt).toBe("2026-03-29T01:30:00.000Z");
    // Sunday 25 October 2026: 02:30 happens twice; the first is meant.
    expect(parseQuickAdd("x 2026-10-25 2:30am", saturday, BERLIN).dueAt).toBe("2026-10-25T00:30:00.000Z");
    expect(parseQuickAdd("x 2026-10-25 9am", saturday, BERLIN).dueAt).toBe("2026-10-25T08:00:00.000Z");
    expect(parseQuickAdd("x tomorrow 9am", at("2026-11-01T12:00:00Z"), "America/New_York").dueAt).toBe(
      "2026-11-02T14:00:00.000Z",
    );
  });

  it("dates a lone time today, or tomorrow once it has passed; a lone date at the end of that day", () => {
    const morning = at("2026-11-30T07:00:00Z");
    expect(parseQuickAdd("x 9am", morning, BERLIN).dueAt).toBe("2026-11-30T08:00:00.000Z");
    expect(parseQuickAdd("x 7am", morning, BERLIN).dueAt).toBe("2026-12-01T06:00:00.000Z");
    expect(parseQuickAdd("x today", morning, BERLIN).dueAt).toBe("2026-11-30T22:59:00.000Z");
  });

  it("removes a chip by quoting its words, which then stay in the title", () => {
    const input = "Pay rent tomorrow 9am #home";
    const first = parseQuickAdd(input, at("2026-11-30T09:00:00Z"), BERLIN);
    const tomorrow = first.chips.find((chip) => chip.kind === "date");
    expect(tomorrow).toBeDefined();
    const edited = keepLiteral(input, tomorrow as NonNullable<typeof tomorrow>);
    expect(edited).toBe('Pay rent "tomorrow" 9am #home');
    const again = parseQuickAdd(edited, at("2026-11-30T09:00:00Z"), BERLIN);
    // 9am has passed at 10:00, so the lone time means tomorrow's.
    expect(again).toMatchObject({ title: "Pay rent tomorrow", dueAt: "2026-12-01T08:00:00.000Z", tags: ["home"] });
  });
});
