/** The view in the URL and as the API's query, at fixed instants in Berlin. */
import { describe, expect, it } from "vitest";
import {
  activeFilters,
  bulkFilter,
  dayStart,
  listQuery,
  readViewQuery,
  viewQuerySearch,
  zoneFromCookie,
} from "./view-query.ts";

const BERLIN = "Europe/Berlin";
const read = (search: string, tz = BERLIN) => readViewQuery(new URLSearchParams(search), tz);
// Monday 30 November 2026, 10:00 in Berlin.
const NOW = Date.parse("2026-11-30T09:00:00Z");

// Covers 003 FR-008, 003 FR-034, 003 FR-038.
describe("view query", () => {
  it("reads priority, tag and due from the URL and writes them back, defaults left out", () => {
    const view = read("priority=high&tag=%20Home%20&due=overdue&show=active&q=rent&sort=title");
    expect(view).toMatchObject({ priority: "high", tag: "home", due: "overdue", filter: "active", q: "rent" });
    expect(viewQuerySearch(view)).toBe("?show=active&priority=high&tag=home&due=overdue&q=rent&sort=title");
    expect(viewQuerySearch(read(""))).toBe("");
  });

  it("ignores unknown values", () => {
    expect(read("priority=urgent&due=someday&view=later")).toMatchObject({ priority: null, due: null, view: "all" });
  });

  it("sends the filters to the API, with the zone only where it matters", () => {
    expect(listQuery(read("tag=home&priority=low&due=today"), undefined, NOW)).toEqual({
      status: "all",
      sort: "created",
      limit: "50",
      priority: "low",
      tag: "home",
      due: "today",
      tz: BERLIN,
    });
  });

  it("lists open tasks due before tomorrow for Today, by due date", () => {
    expect(listQuery(read("view=today&sort=title&show=completed"), undefined, NOW)).toEqual({
      status: "pending",
      sort: "due",
      limit: "50",
      dueBefore: "2026-11-30T23:00:00.000Z",
    });
  });

  it("lists open tasks due in the 7 days after today for Upcoming", () => {
    expect(listQuery(read("view=upcoming"), undefined, NOW)).toMatchObject({
      status: "pending",
      dueAfter: "2026-11-30T23:00:00.000Z",
      dueBefore: "2026-12-07T23:00:00.000Z",
    });
  });

  // Covers 003 FR-036.
  it("counts days in local time across a clock change", () => {
    // Saturday 28 March 2026 in Berlin; clocks go forward on Sunday morning.
    const saturday = Date.parse("2026-03-28T12:00:00Z");
    expect(dayStart(saturday, BERLIN, 1)).toBe("2026-03-28T23:00:00.000Z");
    expect(dayStart(saturday, BERLIN, 2)).toBe("2026-03-29T22:00:00.000Z");
  });

  it("gives bulk actions the view's filters, without status or paging", () => {
    expect(bulkFilter(read("show=active&tag=work&q=x"), NOW)).toEqual({ q: "x", tag: "work" });
  });

  it("offers each active filter as a chip that removes it", () => {
    const chips = activeFilters(read("priority=high&tag=home&due=none"));
    expect(chips.map((c) => c.label)).toEqual(["High priority", "#home", "No due date"]);
    expect(viewQuerySearch(chips[1]?.without ?? read(""))).toBe("?priority=high&due=none");
  });

  // Covers 003 FR-036.
  it("takes the zone from the tz cookie only when it is an IANA name", () => {
    expect(zoneFromCookie("Europe/Berlin")).toBe("Europe/Berlin");
    expect(zoneFromCookie(undefined)).toBe("UTC");
    expect(zoneFromCookie("+01:00")).toBe("UTC");
    expect(zoneFromCookie("Mars/Olympus")).toBe("UTC");
    expect(zoneFromCookie("europe/berlin")).toBe("UTC");
  });
});
