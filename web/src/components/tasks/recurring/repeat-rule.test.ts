// Covers 003 FR-042, 003 FR-043.
import { describe, expect, it } from "vitest";
import { parseRule } from "#api/client";
import {
  canonicalRule,
  choiceOf,
  customFields,
  customRule,
  dueDay,
  formatRule,
  presets,
  repeatWords,
} from "./repeat-rule.ts";

// Tuesday 2026-03-24 23:30 in New York is already Wednesday in Berlin.
const DUE = "2026-03-25T03:30:00.000Z";

describe("presets", () => {
  it("words the weekly and monthly presets for the due day in the task's zone", () => {
    const ny = presets(DUE, "America/New_York");
    expect(ny.map((p) => [p.id, p.label, p.rule])).toEqual([
      ["daily", "Daily", "FREQ=DAILY"],
      ["weekdays", "Every weekday (Monday to Friday)", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
      ["weekly", "Weekly on Tuesday", "FREQ=WEEKLY;BYDAY=TU"],
      ["monthly-day", "Monthly on day 24", "FREQ=MONTHLY;BYMONTHDAY=24"],
      ["monthly-last", "Monthly on the last Tuesday", "FREQ=MONTHLY;BYDAY=-1TU"],
      ["yearly", "Yearly on 24 March", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=24"],
    ]);
    expect(presets(DUE, "Europe/Berlin").find((p) => p.id === "weekly")?.rule).toBe("FREQ=WEEKLY;BYDAY=WE");
  });

  it("writes only rules the API accepts", () => {
    for (const preset of presets(DUE, "UTC")) expect(parseRule(preset.rule).ok).toBe(true);
  });

  it("reads the due day across a year end", () => {
    expect(dueDay("2026-12-31T23:30:00Z", "Asia/Tokyo")).toEqual({ year: 2027, month: 1, day: 1, weekday: 5 });
  });
});

describe("choiceOf", () => {
  const offered = presets(DUE, "America/New_York");
  it("finds the preset a rule is, however it is spelled", () => {
    expect(choiceOf(null, offered)).toBe("none");
    expect(choiceOf("freq=weekly;byday=tu", offered)).toBe("weekly");
    expect(choiceOf("FREQ=WEEKLY;INTERVAL=1;BYDAY=FR,TH,WE,TU,MO", offered)).toBe("weekdays");
  });
  it("calls anything else custom", () => {
    expect(choiceOf("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", offered)).toBe("custom");
    expect(choiceOf("FREQ=WEEKLY;BYDAY=FR", offered)).toBe("custom");
  });
});

describe("the custom builder", () => {
  it("writes interval, weekdays and an end", () => {
    const base = customFields(null, DUE, "America/New_York");
    expect(base).toEqual({ freq: "WEEKLY", interval: 1, weekdays: ["TU"], end: "never", count: 10, until: "" });
    expect(customRule({ ...base, interval: 2, weekdays: ["TH", "TU"] })).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH");
    expect(customRule({ ...base, freq: "DAILY", end: "count", count: 5 })).toBe("FREQ=DAILY;COUNT=5");
    expect(customRule({ ...base, freq: "MONTHLY", end: "until", until: "2026-12-31" })).toBe(
      "FREQ=MONTHLY;UNTIL=20261231",
    );
    // An end with no value yet is no end.
    expect(customRule({ ...base, end: "until", until: "" })).toBe("FREQ=WEEKLY;BYDAY=TU");
  });

  it("starts on Monday for a task with no due date yet", () => {
    expect(customFields(null, "", "UTC").weekdays).toEqual(["MO"]);
  });

  it("reads a rule back into its fields", () => {
    expect(customFields("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6", DUE, "UTC")).toEqual({
      freq: "WEEKLY",
      interval: 2,
      weekdays: ["TU", "TH"],
      end: "count",
      count: 6,
      until: "",
    });
    expect(customFields("FREQ=DAILY;UNTIL=20270105", DUE, "UTC")).toMatchObject({ end: "until", until: "2027-01-05" });
  });
});

describe("formatRule", () => {
  it("is the inverse of parseRule", () => {
    for (const text of [
      "FREQ=MONTHLY;INTERVAL=3;BYDAY=2MO,-1FR",
      "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2,8;COUNT=3",
      "FREQ=DAILY;UNTIL=20261231T230000Z",
    ]) {
      expect(canonicalRule(text)).toBe(text);
    }
    const parsed = parseRule("freq=daily");
    expect(parsed.ok && formatRule(parsed.rule)).toBe("FREQ=DAILY");
  });
});

describe("repeatWords", () => {
  it("says the rule in words, and nothing for none or a broken rule", () => {
    expect(repeatWords("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH")).toBe("every 2 weeks on Tue, Thu");
    expect(repeatWords("FREQ=MONTHLY;BYDAY=-1FR")).toBe("every month on the last Fri");
    expect(repeatWords(null)).toBeNull();
    expect(repeatWords("FREQ=HOURLY")).toBeNull();
  });
});
