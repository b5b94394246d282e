import { describe, expect, it } from "vitest";
import { backdateDeletion } from "../../test/database.ts";
import {
  type BulkAction,
  bearer,
  bodyOf,
  countedBindings,
  createTask,
  jsonBody,
  type NewTask,
  type Problem,
  request,
  signUpUser,
  type TestUser,
  tasksOf,
} from "../../test/harness.ts";

/** Creates `n` tasks in one go, each with the given fields and a numbered title. */
async function seed(user: TestUser, n: number, fields: Omit<NewTask, "title"> = {}, title = "Task") {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createTask(user, { title: `${title} ${i}`, ...fields })).id);
  return ids;
}

function bulk(
  user: TestUser,
  json: BulkAction,
  header: Record<string, string> = {},
  bindings?: ReturnType<typeof countedBindings>["bindings"],
) {
  return tasksOf(user, bindings).bulk.$post({ param: { userId: user.id }, header, json });
}

async function counts(user: TestUser) {
  return (await bodyOf(await tasksOf(user).$get({ param: { userId: user.id }, query: {} }), 200)).counts;
}

describe("bulk actions", () => {
  // Covers 001 FR-052, 001 FR-054.
  it("completes every task, beyond any page, in one round trip, and reopens them", async () => {
    const user = await signUpUser();
    await seed(user, 60);
    const { bindings, roundTrips } = countedBindings();
    const done = await bulk(user, { action: "complete" }, {}, bindings);
    expect(await bodyOf(done, 200)).toEqual({
      action: "complete",
      count: 60,
      deletionId: null,
      counts: { all: 60, pending: 0, completed: 60 },
    });
    expect(await roundTrips()).toBe(1);
    expect(await counts(user)).toEqual({ all: 60, pending: 0, completed: 60 });
    // Nothing left to complete: a second run changes nothing.
    expect(await (await bulk(user, { action: "complete" })).json()).toMatchObject({ count: 0 });
    const reopened = await bulk(user, { action: "reopen" });
    expect(await reopened.json()).toMatchObject({ count: 60, counts: { pending: 60, completed: 0 } });
  });

  // Covers 001 FR-053.
  it("applies the filter: priority, tag, search and due", async () => {
    const user = await signUpUser();
    await seed(user, 3, { priority: "high", tags: ["work"] }, "Report");
    await seed(user, 2, { priority: "low" }, "Milk");
    await seed(user, 2, { dueAt: "2020-01-01T00:00:00Z" }, "Late");
    const byTag = await bulk(user, { action: "complete", filter: { tag: "WORK", priority: "high" } });
    expect(await byTag.json()).toMatchObject({ count: 3, counts: { all: 3, pending: 0, completed: 3 } });
    const bySearch = await bulk(user, { action: "complete", filter: { q: "milk" } });
    expect(await bySearch.json()).toMatchObject({ count: 2, counts: { all: 2, completed: 2 } });
    const overdue = await bulk(user, { action: "complete", filter: { due: "overdue" } });
    expect(await overdue.json()).toMatchObject({ count: 2 });
    expect(await counts(user)).toEqual({ all: 7, pending: 0, completed: 7 });
    const reopenSome = await bulk(user, { action: "reopen", filter: { status: "completed", priority: "low" } });
    expect(await reopenSome.json()).toMatchObject({ count: 2 });
  });

  // Covers 001 FR-052, 001 FR-054.
  it("deletes every completed task and restores the whole batch with its deletionId", async () => {
    const user = await signUpUser();
    const completed = await seed(user, 55, {}, "Done");
    await seed(user, 3, {}, "Open");
    await bulk(user, { action: "complete", filter: { q: "done" } });
    const cleared = await bulk(user, { action: "delete-completed" });
    const result = await bodyOf(cleared, 200);
    expect(result).toMatchObject({ count: 55, counts: { all: 3, pending: 3, completed: 0 } });
    expect(result.deletionId).toMatch(/^[0-9a-f-]{36}$/);
    const deletionId = result.deletionId ?? "";
    expect(await counts(user)).toEqual({ all: 3, pending: 3, completed: 0 });
    expect((await request(`/api/${user.id}/tasks/${completed[0]}`, bearer(user))).status).toBe(404);

    const restored = await bulk(user, { action: "restore", deletionId });
    expect(await restored.json()).toEqual({
      action: "restore",
      count: 55,
      deletionId: null,
      counts: { all: 58, pending: 3, completed: 55 },
    });
    // The same ids come back.
    expect((await request(`/api/${user.id}/tasks/${completed[0]}`, bearer(user))).status).toBe(200);
    // Restoring again finds the batch already live: nothing more to do.
    expect(await (await bulk(user, { action: "restore", deletionId })).json()).toMatchObject({ count: 0 });
  });

  // Covers 001 FR-051, 001 FR-052.
  it("answers 410 for a batch restored too late, and 404 for an unknown or foreign deletionId", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const ids = await seed(alice, 2);
    await bulk(alice, { action: "complete" });
    const { deletionId: id } = await bodyOf(await bulk(alice, { action: "delete-completed" }), 200);
    const deletionId = id ?? "";
    expect((await bulk(bob, { action: "restore", deletionId })).status).toBe(404);
    expect((await bulk(alice, { action: "restore", deletionId: crypto.randomUUID() })).status).toBe(404);
    await backdateDeletion(ids, 11);
    const late = await bulk(alice, { action: "restore", deletionId });
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ code: "RESTORE_EXPIRED" });
    // The purge in that request removed the batch for good.
    expect((await bulk(alice, { action: "restore", deletionId })).status).toBe(404);
  });

  // Covers 001 FR-022.
  it("never touches another person's tasks", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    await seed(alice, 3);
    expect(await (await bulk(bob, { action: "complete" })).json()).toMatchObject({ count: 0 });
    expect(await counts(alice)).toEqual({ all: 3, pending: 3, completed: 0 });
    expect((await request(`/api/${alice.id}/tasks/bulk`, bearer(bob, jsonBody({ action: "complete" })))).status).toBe(
      403,
    );
  });

  // Covers 001 FR-055.
  it("replays the first answer for a retried Idempotency-Key, and refuses the key with another body", async () => {
    const user = await signUpUser();
    await seed(user, 4);
    await bulk(user, { action: "complete" });
    const key = crypto.randomUUID();
    const first = await bulk(user, { action: "delete-completed" }, { "idempotency-key": key });
    const original = await bodyOf(first, 200);
    expect(original.count).toBe(4);
    await seed(user, 1, {}, "Later");
    await bulk(user, { action: "complete", filter: { q: "later" } });
    const again = await bulk(user, { action: "delete-completed" }, { "idempotency-key": key });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await bodyOf(again, 200)).toMatchObject({ count: 4, deletionId: original.deletionId });
    // The replay deleted nothing: the later completed task is still there.
    expect(await counts(user)).toEqual({ all: 1, pending: 0, completed: 1 });
    const reused = await bulk(user, { action: "complete" }, { "idempotency-key": key });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  // Covers 001 FR-055.
  it("acts exactly once when the same keyed request races itself", async () => {
    const user = await signUpUser();
    await seed(user, 3);
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => bulk(user, { action: "complete" }, { "idempotency-key": key })),
    );
    const bodies = await Promise.all(answers.map((a) => (a.status === 200 ? bodyOf(a, 200) : null)));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    for (const body of bodies) if (body) expect(body.count).toBe(3);
    expect(await counts(user)).toEqual({ all: 3, pending: 0, completed: 3 });
  });

  // Covers 001 FR-052, 001 FR-053.
  it("refuses invalid bodies with 422, listing each field", async () => {
    const user = await signUpUser();
    const cases: [unknown, string[]][] = [
      [{ action: "explode" }, ["#/action"]],
      [{}, ["#/action"]],
      [{ action: "complete", filter: { status: "done", colour: "red" } }, ["#/filter/status", "#/filter/colour"]],
      [{ action: "complete", extra: 1 }, ["#/extra"]],
      [{ action: "restore" }, ["#/deletionId"]],
      [{ action: "restore", deletionId: "nope" }, ["#/deletionId"]],
      [{ action: "complete", filter: { tz: "+01:00", q: "" } }, ["#/filter/q", "#/filter/tz"]],
      [[], ["#"]],
    ];
    for (const [body, pointers] of cases) {
      // Bodies the typed client would refuse to build: sent raw.
      const response = await request(`/api/${user.id}/tasks/bulk`, bearer(user, jsonBody(body)));
      expect(response.status, JSON.stringify(body)).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((e) => e.pointer).sort(), JSON.stringify(body)).toEqual(pointers.sort());
    }
    expect((await bulk(user, { action: "complete" }, { "idempotency-key": "has spaces" })).status).toBe(422);
  });
});
