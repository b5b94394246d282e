/** Rules in words, as the dashboard will show them. */
import { describe, expect, it } from "vitest";
import { describeRule } from "./describe.ts";
import { parseRule } from "./rule.ts";

function words(text: string) {
  const parsed = parseRule(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return describeRule(parsed.rule);
}

// Covers 004 FR-009.
describe("describeRule", () => {
  it.each([
    ["FREQ=DAILY", "every day"],
    ["FREQ=DAILY;INTERVAL=3", "every 3 days"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,TU", "every 2 weeks on Tue, Thu"],
    ["FREQ=WEEKLY;BYDAY=MO", "every week on Mon"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Fri"],
    ["FREQ=MONTHLY;BYDAY=1MO", "every month on the first Mon"],
    ["FREQ=MONTHLY;BYDAY=-2SU", "every month on the second-to-last Sun"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "every month on day 31"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"],
    ["FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "every year on the fourth Thu in Nov"],
    ["FREQ=YEARLY", "every year"],
    ["FREQ=DAILY;COUNT=1", "every day, once"],
    ["FREQ=WEEKLY;COUNT=10", "every week, 10 times"],
    ["FREQ=DAILY;UNTIL=20271231", "every day, until 2027-12-31"],
    ["FREQ=DAILY;UNTIL=20271231T230000Z", "every day, until 2027-12-31 23:00 UTC"],
  ])("describes %s as %j", (rule, expected) => {
    expect(words(rule)).toBe(expected);
  });
});
