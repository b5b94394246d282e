import { describe, expect, it } from "vitest";
import {
  bearer,
  bodyOf,
  createTask,
  type NewTask,
  request,
  signUpUser,
  type Task,
  type TestUser,
  taskOf,
} from "../../test/harness.ts";

/** Creates a repeating task and completes it once with If-Match "1", expecting 200. */
async function completeOnce(user: TestUser, json: NewTask) {
  const task = await createTask(user, json);
  const { routes, param } = taskOf(user, task.id);
  const response = await routes.complete.$patch({ param, header: { "if-match": '"1"' }, json: { completed: true } });
  expect(response.headers.get("etag")).toBe('"2"');
  return { task, after: await bodyOf(response, 200), routes, param };
}

describe("completing a repeating task", () => {
  // Covers 004 FR-005, 004 FR-006, 004 FR-008.
  it("moves weekly Monday 09:00 Berlin from 2026-03-23 to 2026-03-30T07:00Z, keeping its id, open, with a new version", async () => {
    const user = await signUpUser();
    const { task, after } = await completeOnce(user, {
      title: "Stand-up",
      dueAt: "2026-03-23T08:00:00Z",
      repeat: "FREQ=WEEKLY;BYDAY=MO",
      timeZone: "Europe/Berlin",
    });
    expect(after).toMatchObject({
      id: task.id,
      completed: false,
      completedAt: null,
      version: 2,
      dueAt: "2026-03-30T07:00:00.000Z",
    });
  });

  // Covers 004 FR-005, 004 FR-008.
  it("moves the last Friday 18:00 Berlin from 2026-01-30 to 2026-02-27T17:00Z", async () => {
    const user = await signUpUser();
    const { after } = await completeOnce(user, {
      title: "Invoices",
      dueAt: "2026-01-30T17:00:00Z",
      repeat: "FREQ=MONTHLY;BYDAY=-1FR",
      timeZone: "Europe/Berlin",
    });
    expect(after.dueAt).toBe("2026-02-27T17:00:00.000Z");
  });

  // Covers 004 FR-006, 004 FR-008.
  it("moves BYMONTHDAY=31 from 31 January to 31 March, skipping February", async () => {
    const user = await signUpUser();
    const { after } = await completeOnce(user, {
      title: "Rent",
      dueAt: "2026-01-31T09:00:00Z",
      repeat: "FREQ=MONTHLY;BYMONTHDAY=31",
      timeZone: "UTC",
    });
    expect(after.dueAt).toBe("2026-03-31T09:00:00.000Z");
  });

  // Covers 004 FR-005, 004 FR-006, 004 FR-008.
  it("moves every 2 weeks on Tue and Thu in New York from 2026-10-29 09:30 to 2026-11-10T14:30Z", async () => {
    const user = await signUpUser();
    const { after } = await completeOnce(user, {
      title: "Gym",
      dueAt: "2026-10-29T13:30:00Z",
      repeat: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
      timeZone: "America/New_York",
    });
    expect(after.dueAt).toBe("2026-11-10T14:30:00.000Z");
  });

  // Covers 004 FR-006, 004 FR-008.
  it("completes the task normally when COUNT is exhausted", async () => {
    const user = await signUpUser();
    const { after, routes, param } = await completeOnce(user, {
      title: "Twice",
      dueAt: "2026-05-01T07:00:00Z",
      repeat: "FREQ=DAILY;COUNT=2",
      timeZone: "Europe/Berlin",
    });
    expect(after).toMatchObject({ completed: false, dueAt: "2026-05-02T07:00:00.000Z" });
    const last = await bodyOf(
      await routes.complete.$patch({ param, header: { "if-match": '"2"' }, json: { completed: true } }),
      200,
    );
    expect(last).toMatchObject({ completed: true, dueAt: "2026-05-02T07:00:00.000Z", version: 3 });
    expect(last.completedAt).toEqual(expect.any(String));
    // Completed for good: completing again changes nothing.
    const again = await bodyOf(await routes.complete.$patch({ param, header: {}, json: { completed: true } }), 200);
    expect(again.version).toBe(3);
  });

  // Covers 004 FR-006, 004 FR-008.
  it("completes the task normally when UNTIL is passed", async () => {
    const user = await signUpUser();
    const { after, routes, param } = await completeOnce(user, {
      title: "Until the 2nd",
      dueAt: "2026-01-01T08:00:00Z",
      repeat: "FREQ=DAILY;UNTIL=20260102",
      timeZone: "Europe/Berlin",
    });
    expect(after).toMatchObject({ completed: false, dueAt: "2026-01-02T08:00:00.000Z" });
    const last = await bodyOf(await routes.complete.$patch({ param, header: {}, json: { completed: true } }), 200);
    expect(last).toMatchObject({ completed: true, dueAt: "2026-01-02T08:00:00.000Z" });
  });

  // Covers 004 FR-008.
  it("answers 412 to a retried completion with the old If-Match, so no occurrence is skipped twice", async () => {
    const user = await signUpUser();
    const { after, routes, param } = await completeOnce(user, {
      title: "Once a day",
      dueAt: "2026-06-01T06:00:00Z",
      repeat: "FREQ=DAILY",
      timeZone: "Europe/Berlin",
    });
    const retry = await routes.complete.$patch({ param, header: { "if-match": '"1"' }, json: { completed: true } });
    expect(retry.status).toBe(412);
    expect(retry.headers.get("etag")).toBe('"2"');
    const current = await bodyOf(await routes.$get({ param }), 200);
    expect(current).toMatchObject({ dueAt: after.dueAt, version: 2 });
  });

  // Covers 004 FR-008.
  it("toggles (no body) and PUT completed: true as a completion, and {completed: false} on an open task changes nothing", async () => {
    const user = await signUpUser();
    const daily = { title: "Water", dueAt: "2026-06-01T06:00:00Z", repeat: "FREQ=DAILY", timeZone: "Europe/Berlin" };
    const task = await createTask(user, daily);
    const { routes, param } = taskOf(user, task.id);
    const unchanged = await bodyOf(
      await routes.complete.$patch({ param, header: {}, json: { completed: false } }),
      200,
    );
    expect(unchanged.version).toBe(1);
    // No body: a toggle (the typed client always sends one, so this request is raw).
    const raw = await request(`/api/${user.id}/tasks/${task.id}/complete`, bearer(user, { method: "PATCH" }));
    expect(raw.status).toBe(200);
    const toggled = (await raw.json()) as Task;
    expect(toggled).toMatchObject({ completed: false, dueAt: "2026-06-02T06:00:00.000Z", version: 2 });
    const replaced = await bodyOf(
      await routes.$put({
        param,
        header: { "if-match": '"2"' },
        json: { ...daily, title: "Water the plants", dueAt: toggled.dueAt, completed: true },
      }),
      200,
    );
    expect(replaced).toMatchObject({
      title: "Water the plants",
      completed: false,
      dueAt: "2026-06-03T06:00:00.000Z",
      version: 3,
    });
  });

  // Covers 004 FR-005, 004 FR-008.
  it('counts from the completion with repeatFrom: "completion"', async () => {
    const user = await signUpUser();
    const before = Date.now();
    const { after } = await completeOnce(user, {
      title: "Plants",
      dueAt: "2026-01-01T08:00:00Z",
      repeat: "FREQ=DAILY;INTERVAL=3",
      timeZone: "UTC",
      repeatFrom: "completion",
    });
    // Three days after the completion's date (UTC), at the due date's 08:00.
    const threeDaysOn = (ms: number) => {
      const day = new Date(ms);
      return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 3, 8)).toISOString();
    };
    expect([threeDaysOn(before), threeDaysOn(Date.now())]).toContain(after.dueAt);
  });

  // Covers 004 FR-008.
  it("starts COUNT again when a PUT changes the rule", async () => {
    const user = await signUpUser();
    const json = { title: "Twice", dueAt: "2026-05-01T07:00:00Z", repeat: "FREQ=DAILY;COUNT=2", timeZone: "UTC" };
    const { after, routes, param } = await completeOnce(user, json);
    const newRule = { ...json, dueAt: after.dueAt, repeat: "FREQ=WEEKLY;COUNT=2" };
    expect((await bodyOf(await routes.$put({ param, header: {}, json: newRule }), 200)).version).toBe(3);
    const next = await bodyOf(await routes.complete.$patch({ param, header: {}, json: { completed: true } }), 200);
    expect(next).toMatchObject({ completed: false, dueAt: "2026-05-09T07:00:00.000Z" });
  });
});

describe("a repeating task's completions", () => {
  // Covers 004 FR-008, 004 FR-010.
  it("are listed newest first, and the latest can be undone until none is left", async () => {
    const user = await signUpUser();
    const { task, after, routes, param } = await completeOnce(user, {
      title: "Twice",
      dueAt: "2026-05-01T07:00:00Z",
      repeat: "FREQ=DAILY;COUNT=2",
      timeZone: "UTC",
    });
    const last = await bodyOf(
      await routes.complete.$patch({ param, header: { "if-match": '"2"' }, json: { completed: true } }),
      200,
    );
    expect(last.completed).toBe(true);
    const { items } = await bodyOf(await routes.completions.$get({ param }), 200);
    expect(items.map((item) => item.dueAt)).toEqual([after.dueAt, task.dueAt]);
    expect(Date.parse(items[0]?.completedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(items[1]?.completedAt ?? ""));

    const undo = routes.completions.latest;
    // Stale If-Match: 412, nothing undone.
    expect((await undo.$delete({ param, header: { "if-match": '"2"' } })).status).toBe(412);
    // Undo the completion that ended the series: open again, back at its due date.
    const reopened = await bodyOf(await undo.$delete({ param, header: { "if-match": '"3"' } }), 200);
    expect(reopened).toMatchObject({ completed: false, completedAt: null, dueAt: after.dueAt, version: 4 });
    const first = await bodyOf(await undo.$delete({ param, header: { "if-match": '"4"' } }), 200);
    expect(first).toMatchObject({ completed: false, dueAt: task.dueAt, version: 5 });
    expect((await bodyOf(await routes.completions.$get({ param }), 200)).items).toEqual([]);
    const none = await undo.$delete({ param, header: {} });
    expect(none.status).toBe(404);
    // The series' progress went back too: two more completions are needed to end it.
    const again = await bodyOf(await routes.complete.$patch({ param, header: {}, json: { completed: true } }), 200);
    expect(again).toMatchObject({ completed: false, dueAt: after.dueAt });
  });

  // Covers 004 FR-008, 004 FR-010.
  it("answer 404 for another user's task or an unknown one", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const { task } = await completeOnce(alice, {
      title: "Alice's",
      dueAt: "2026-05-01T07:00:00Z",
      repeat: "FREQ=DAILY",
      timeZone: "UTC",
    });
    const underBob = taskOf(bob, task.id);
    expect((await underBob.routes.completions.$get({ param: underBob.param })).status).toBe(404);
    expect((await underBob.routes.completions.latest.$delete({ param: underBob.param, header: {} })).status).toBe(404);
    const unknown = taskOf(alice, crypto.randomUUID());
    expect((await unknown.routes.completions.$get({ param: unknown.param })).status).toBe(404);
    // Alice's history is untouched.
    const own = taskOf(alice, task.id);
    expect((await bodyOf(await own.routes.completions.$get({ param: own.param }), 200)).items).toHaveLength(1);
  });
});
