import { describe, expect, it } from "vitest";
import { backdateDeletion, rowExists } from "../../test/database.ts";
import { bearer, countedBindings, jsonBody, request, signUpUser, type TestUser } from "../../test/harness.ts";

async function newTask(user: TestUser, body: Record<string, unknown> = { title: "A task" }) {
  const response = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody(body)));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number } & Record<string, unknown>;
}

const restore = (user: TestUser, id: string, headers: Record<string, string> = {}) =>
  request(`/api/${user.id}/tasks/${id}/restore`, bearer(user, { method: "POST", headers }));

async function listed(user: TestUser) {
  const response = await request(`/api/${user.id}/tasks?limit=200`, bearer(user));
  return (await response.json()) as { items: { id: string }[]; counts: { all: number; completed: number } };
}

describe("deleting and restoring", () => {
  // Covers 001 FR-029, 001 FR-050.
  it("hides a deleted task from every read and count at once, and restores it with the same id, fields and ETag", async () => {
    const user = await signUpUser();
    const task = await newTask(user, { title: "Keep me", description: "notes", priority: "high", tags: ["a"] });
    await request(`/api/${user.id}/tasks/${task.id}/complete`, bearer(user, { method: "PATCH" }));
    const before = await (await request(`/api/${user.id}/tasks/${task.id}`, bearer(user))).json();
    const path = `/api/${user.id}/tasks/${task.id}`;

    expect((await request(path, bearer(user, { method: "DELETE", headers: { "if-match": '"2"' } }))).status).toBe(204);
    expect((await request(path, bearer(user))).status).toBe(404);
    expect((await request(path, bearer(user, jsonBody({ title: "x" }, { method: "PUT" })))).status).toBe(404);
    expect((await request(`${path}/complete`, bearer(user, { method: "PATCH" }))).status).toBe(404);
    expect((await request(path, bearer(user, { method: "DELETE" }))).status).toBe(404);
    const empty = await listed(user);
    expect(empty.items).toEqual([]);
    expect(empty.counts).toEqual({ all: 0, pending: 0, completed: 0 });

    const restored = await restore(user, task.id, { "if-match": '"2"' });
    expect(restored.status).toBe(200);
    expect(restored.headers.get("etag")).toBe('"2"');
    expect(await restored.json()).toEqual(before);
    // The ETag held before the deletion still names the task, so a conditional write goes through.
    const edit = await request(
      path,
      bearer(user, jsonBody({ title: "Kept" }, { method: "PUT", headers: { "if-match": '"2"' } })),
    );
    expect(edit.status).toBe(200);
    // PUT is a full replacement: the task is pending again.
    expect((await listed(user)).counts).toEqual({ all: 1, pending: 1, completed: 0 });
  });

  // Covers 001 FR-035, 001 FR-050.
  it("answers a restore of a live task with the task, and a stale If-Match with 412", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const again = await restore(user, task.id);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: task.id, version: 1 });
    await request(`/api/${user.id}/tasks/${task.id}`, bearer(user, { method: "DELETE" }));
    const stale = await restore(user, task.id, { "if-match": '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"1"');
    expect((await restore(user, task.id, { "if-match": '"1"' })).status).toBe(200);
  });

  // Covers 001 FR-051.
  it("answers 410 after the restore window, 404 once purged, and purges in the same request", async () => {
    const user = await signUpUser();
    const old = await newTask(user, { title: "Old" });
    const other = await newTask(user, { title: "Other" });
    for (const id of [old.id, other.id]) {
      await request(`/api/${user.id}/tasks/${id}`, bearer(user, { method: "DELETE" }));
    }
    await backdateDeletion([old.id], 11);
    const late = await restore(user, old.id);
    expect(late.status).toBe(410);
    expect(late.headers.get("content-type")).toBe("application/problem+json");
    expect(await late.json()).toMatchObject({ code: "RESTORE_EXPIRED", status: 410 });
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
    const task = await newTask(alice);
    await request(`/api/${alice.id}/tasks/${task.id}`, bearer(alice, { method: "DELETE" }));
    await backdateDeletion([task.id], 11);
    expect((await restore(bob, task.id)).status).toBe(404);
    // Bob's deletion and its purge touch only Bob's rows.
    const bobs = await newTask(bob);
    await request(`/api/${bob.id}/tasks/${bobs.id}`, bearer(bob, { method: "DELETE" }));
    expect(await rowExists(task.id)).toBe(true);
    expect((await request(`/api/${alice.id}/tasks/${task.id}/restore`, bearer(bob, { method: "POST" }))).status).toBe(
      403,
    );
  });

  // Covers 001 FR-023.
  it("costs one SQL round trip to delete and one to restore", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const { bindings, roundTrips } = countedBindings();
    const path = `/api/${user.id}/tasks/${task.id}`;
    expect((await request(path, bearer(user, { method: "DELETE" }), bindings)).status).toBe(204);
    expect(await roundTrips()).toBe(1);
    expect((await request(`${path}/restore`, bearer(user, { method: "POST" }), bindings)).status).toBe(200);
    expect(await roundTrips()).toBe(2);
  });
});
