import { describe, expect, it } from "vitest";
import { bearer, bodyOf, createTask, jsonBody, request, signUpUser, taskOf, tasksOf } from "../../test/harness.ts";

interface ProblemBody {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

/** POSTs a raw body (the typed client would refuse the bad ones at compile time) and answers the error pointers. */
async function refused(body: unknown): Promise<string[]> {
  const user = await signUpUser();
  const response = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody(body)));
  expect(response.status).toBe(422);
  const problem = (await response.json()) as ProblemBody;
  return (problem.errors ?? []).map((error) => error.pointer);
}

const weekly = {
  title: "Stand-up",
  dueAt: "2026-03-23T08:00:00Z",
  repeat: "FREQ=WEEKLY;BYDAY=MO",
  timeZone: "Europe/Berlin",
};

describe("a task's repeat, timeZone, repeatFrom and reminders", () => {
  // Covers 001 FR-079, 004 FR-001, 004 FR-007.
  it("are stored on create and answered by get and list", async () => {
    const user = await signUpUser();
    const created = await createTask(user, {
      ...weekly,
      repeatFrom: "completion",
      reminders: [{ before: "PT15M" }, { before: "P1D" }, { before: "PT900S" }],
    });
    // PT15M and PT900S are the same lead: kept once.
    const fields = {
      repeat: "FREQ=WEEKLY;BYDAY=MO",
      timeZone: "Europe/Berlin",
      repeatFrom: "completion",
      reminders: [{ before: "PT15M" }, { before: "P1D" }],
    };
    expect(created).toMatchObject(fields);
    const { routes, param } = taskOf(user, created.id);
    expect(await bodyOf(await routes.$get({ param }), 200)).toMatchObject(fields);
    const list = await bodyOf(await tasksOf(user).$get({ param: { userId: user.id }, query: {} }), 200);
    expect(list.items[0]).toMatchObject(fields);
  });

  it("default to a one-off task without reminders", async () => {
    const user = await signUpUser();
    const created = await createTask(user, { title: "Once" });
    expect(created).toMatchObject({ repeat: null, timeZone: null, repeatFrom: "due", reminders: [] });
  });

  // Covers 004 FR-001.
  it("are replaced by PUT, and return to their defaults when omitted", async () => {
    const user = await signUpUser();
    const created = await createTask(user, { title: "Plain", dueAt: "2026-01-30T17:00:00Z" });
    const { routes, param } = taskOf(user, created.id);
    const repeating = await bodyOf(
      await routes.$put({
        param,
        header: {},
        json: {
          title: "Plain",
          dueAt: "2026-01-30T17:00:00Z",
          repeat: "FREQ=MONTHLY;BYDAY=-1FR",
          timeZone: "Europe/Berlin",
          reminders: [{ before: "PT1H" }],
        },
      }),
      200,
    );
    expect(repeating).toMatchObject({ repeat: "FREQ=MONTHLY;BYDAY=-1FR", reminders: [{ before: "PT1H" }], version: 2 });
    const cleared = await bodyOf(await routes.$put({ param, header: {}, json: { title: "Plain" } }), 200);
    expect(cleared).toMatchObject({ repeat: null, timeZone: null, repeatFrom: "due", reminders: [], dueAt: null });
  });

  // Covers 004 FR-001.
  it("refuses a rule outside the subset with a 422 naming repeat", async () => {
    expect(await refused({ ...weekly, repeat: "FREQ=HOURLY" })).toEqual(["#/repeat"]);
    expect(await refused({ ...weekly, repeat: "RRULE:FREQ=DAILY" })).toEqual(["#/repeat"]);
    expect(await refused({ ...weekly, repeat: "FREQ=DAILY;COUNT=3;UNTIL=20261231" })).toEqual(["#/repeat"]);
    expect(await refused({ ...weekly, repeat: "x".repeat(300) })).toEqual(["#/repeat"]);
  });

  // Covers 004 FR-002.
  it("refuses a rule that never comes again after dueAt", async () => {
    expect(await refused({ ...weekly, repeat: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" })).toEqual(["#/repeat"]);
  });

  // Covers 004 FR-003, 004 FR-004.
  it("refuses a repeating task without a dueAt or a valid timeZone, naming the field", async () => {
    expect(await refused({ ...weekly, dueAt: null })).toEqual(["#/dueAt"]);
    expect(await refused({ ...weekly, timeZone: null })).toEqual(["#/timeZone"]);
    expect(await refused({ ...weekly, timeZone: "+01:00" })).toEqual(["#/timeZone"]);
    expect(await refused({ ...weekly, timeZone: "Mars/Olympus" })).toEqual(["#/timeZone"]);
    expect(await refused({ ...weekly, repeatFrom: "whenever" })).toEqual(["#/repeatFrom"]);
  });

  // Covers 004 FR-007.
  it("refuses bad reminders, naming the field", async () => {
    expect(await refused({ title: "No due", reminders: [{ before: "PT5M" }] })).toEqual(["#/reminders"]);
    expect(await refused({ ...weekly, reminders: [{ before: "P1M" }] })).toEqual(["#/reminders/0/before"]);
    expect(await refused({ ...weekly, reminders: [{ before: "P31D" }] })).toEqual(["#/reminders/0/before"]);
    const six = ["PT1M", "PT2M", "PT3M", "PT4M", "PT5M", "PT6M"].map((before) => ({ before }));
    expect(await refused({ ...weekly, reminders: six })).toEqual(["#/reminders"]);
    expect(await refused({ ...weekly, reminders: [{ before: "PT5M", at: "x" }] })).toEqual(["#/reminders/0/at"]);
  });

  // Covers 004 FR-004.
  it("are checked on PUT as on create", async () => {
    const user = await signUpUser();
    const created = await createTask(user);
    const response = await request(
      `/api/${user.id}/tasks/${created.id}`,
      bearer(user, jsonBody({ title: "x", repeat: "FREQ=DAILY" }, { method: "PUT" })),
    );
    expect(response.status).toBe(422);
    const pointers = ((await response.json()) as ProblemBody).errors?.map((error) => error.pointer);
    expect(pointers).toEqual(["#/dueAt", "#/timeZone"]);
  });
});
