import { describe, expect, it } from "vitest";
import { backdateDeletion, rowExists } from "../../test/database.ts";
import {
  bearer,
  bodyOf,
  countedBindings,
  createTask,
  request,
  signUpUser,
  type TestUser,
  taskOf,
  tasksOf,
} from "../../test/harness.ts";

const restore = (user: TestUser, id: string, header: Record<string, string> = {}) =>
  taskOf(user, id).routes.restore.$post({ param: { userId: user.id, id }, header });

const remove = (user: TestUser, id: string) =>
  taskOf(user, id).routes.$delete({ param: { userId: user.id, id }, header: {} });

async function listed(user: TestUser) {
  return bodyOf(await tasksOf(user).$get({ param: { userId: user.id }, query: { limit: 200 } }), 200);
}

describe("deleting and restoring", () => {
  // Covers 001 FR-029, 001 FR-050.
  it("hides a deleted task from every read and count at once, and restores it with the same id, fields and ETag", async () => {
    const user = await signUpUser();
    const task = await createTask(user, { title: "Keep me", description: "notes", priority: "high", tags: ["a"] });
    const { routes, param } = taskOf(user, task.id);
    await routes.complete.$patch({ param, header: {}, json: { completed: true } });
    const before = await bodyOf(await routes.$get({ param }), 200);
    const path = `/api/${user.id}/tasks/${task.id}`;

    expect((await routes.$delete({ param, header: { "if-match": '"2"' } })).status).toBe(204);
    expect((await routes.$get({ param })).status).toBe(404);
    expect((await routes.$put({ param, header: {}, json: { title: "x" } })).status).toBe(404);
    // The empty PATCH (a toggle, no body) is sent raw: the typed client always sends one.
    expect((await request(`${path}/complete`, bearer(user, { method: "PATCH" }))).status).toBe(404);
    expect((await routes.$delete({ param, header: {} })).status).toBe(404);
    const empty = await listed(user);
    expect(empty.items).toEqual([]);
    expect(empty.counts).toEqual({ all: 0, pending: 0, completed: 0 });

    const restored = await restore(user, task.id, { "if-match": '"2"' });
    expect(restored.headers.get("etag")).toBe('"2"');
    expect(await bodyOf(restored, 200)).toEqual(before);
    // The ETag held before the deletion still names the task, so a conditional write goes through.
    const edit = await routes.$put({ param, header: { "if-match": '"2"' }, json: { title: "Kept" } });
    expect(edit.status).toBe(200);
    // PUT is a full replacement: the task is pending again.
    expect((await listed(user)).counts).toEqual({ all: 1, pending: 1, completed: 0 });
  });

  // Covers 001 FR-035, 001 FR-050.
  it("answers a restore of a live task with the task, and a stale If-Match with 412", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const again = await restore(user, task.id);
    expect(await bodyOf(again, 200)).toMatchObject({ id: task.id, version: 1 });
    await remove(user, task.id);
    const stale = await restore(user, task.id, { "if-match": '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"1"');
    expect((await restore(user, task.id, { "if-match": '"1"' })).status).toBe(200);
  });

  // Covers 001 FR-051.
  it("answers 410 after the restore window, 404 once purged, and purges in the same request", async () => {
    const user = await signUpUser();
    const old = await createTask(user, { title: "Old" });
    const other = await createTask(user, { title: "Other" });
    for (const id of [old.id, other.id]) await remove(user, id);
    await backdateDeletion([old.id], 11);
    const late = await restore(user, old.id);
    expect(late.headers.get("content-type")).toBe("application/problem+json");
    expect(await bodyOf(late, 410)).toMatchObject({ code: "RESTORE_EXPIRED", status: 410 });
    // That request purged the expired row: now it is simply gone.
    expect(await rowExists(old.id)).toBe(false);
    expect((await restore(user, old.id)).status).toBe(404);
    // The deletion still inside its window was not purged.
    expect((await restore(user, other.id)).status).toBe(200);
  });

  // Covers 001 FR-022, 001 FR-051.
  it("never restores or purges another person's task", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const task = await createTask(alice);
    await remove(alice, task.id);
    await backdateDeletion([task.id], 11);
    expect((await restore(bob, task.id)).status).toBe(404);
    // Bob's deletion and its purge touch only Bob's rows.
    const bobs = await createTask(bob);
    await remove(bob, bobs.id);
    expect(await rowExists(task.id)).toBe(true);
    const underAlicesPath = taskOf(bob, task.id).routes.restore.$post({
      param: { userId: alice.id, id: task.id },
      header: {},
    });
    expect((await underAlicesPath).status).toBe(403);
  });

  // Covers 001 FR-023.
  it("costs one SQL round trip to delete and one to restore", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const { bindings, roundTrips } = countedBindings();
    const path = `/api/${user.id}/tasks/${task.id}`;
    expect((await request(path, bearer(user, { method: "DELETE" }), bindings)).status).toBe(204);
    expect(await roundTrips()).toBe(1);
    expect((await request(`${path}/restore`, bearer(user, { method: "POST" }), bindings)).status).toBe(200);
    expect(await roundTrips()).toBe(2);
  });
});
