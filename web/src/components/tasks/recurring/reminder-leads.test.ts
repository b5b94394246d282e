// Covers 003 FR-044.
import { describe, expect, it } from "vitest";
import { addReminder, LEADS, leadsToAdd, leadWords, removeReminder } from "./reminder-leads.ts";

describe("reminder leads", () => {
  it("words every lead the API may hold", () => {
    expect(LEADS.map(leadWords)).toEqual([
      "At due time",
      "5 minutes before",
      "15 minutes before",
      "30 minutes before",
      "1 hour before",
      "1 day before",
    ]);
    expect(leadWords("PT90M")).toBe("90 minutes before");
    expect(leadWords("P1W")).toBe("1 week before");
    expect(leadWords("PT2H")).toBe("2 hours before");
  });

  it("adds each lead once, by length, shortest first, and at most five", () => {
    let reminders = addReminder([], "P1D");
    reminders = addReminder(reminders, "PT15M");
    reminders = addReminder(reminders, "PT900S");
    expect(reminders).toEqual([{ before: "PT15M" }, { before: "P1D" }]);
    expect(leadsToAdd(reminders)).toEqual(["PT0S", "PT5M", "PT30M", "PT1H"]);
    for (const lead of LEADS) reminders = addReminder(reminders, lead);
    expect(reminders).toHaveLength(5);
    expect(leadsToAdd(reminders)).toEqual([]);
    expect(removeReminder(reminders, "PT15M")).toHaveLength(4);
  });
});
