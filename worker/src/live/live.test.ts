/**
 * Issue 16's "Done when", in workerd against both databases: every open
 * socket of a user hears each change to their tasks, in order, and nobody
 * else's; the change feed replays the same events after a cursor.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type BulkAction,
  bearer,
  bodyOf,
  createTask,
  request,
  signUpUser,
  type TestUser,
  taskOf,
  tasksOf,
} from "../../test/harness.ts";
import { changesOf, type Listener, listen } from "../../test/live-sockets.ts";
import type { LiveMessage, TaskEvent } from "./events.ts";

/** Generous: the issue asks for under a second, but a loaded 2-core machine must not fail this test by timing. */
const HEARD = { timeout: 10_000, interval: 20 };

const open: Listener[] = [];
afterEach(() => {
  for (const listener of open.splice(0)) listener.socket.close(1000, "test over");
});

async function socketFor(user: TestUser): Promise<Listener> {
  const listener = await listen(user);
  open.push(listener);
  return listener;
}

/** Sets completion (PATCH with a body) through the typed client. */
function complete(user: TestUser, id: string) {
  const { routes, param } = taskOf(user, id);
  return routes.complete.$patch({ param, header: {}, json: { completed: true } });
}

function remove(user: TestUser, id: string) {
  const { routes, param } = taskOf(user, id);
  return routes.$delete({ param, header: {} });
}

const types = (messages: LiveMessage[]) => messages.map((m) => m.type);

describe("live sync", () => {
  // Covers 001 FR-071, 001 FR-073.
  it("sends each change to every socket of its owner, in order, and nothing to anyone else", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    const [first, second, bobs] = await Promise.all([socketFor(alice), socketFor(alice), socketFor(bob)]);

    const task = await createTask(alice, { title: "Heard everywhere" });
    for (const socket of [first, second]) {
      await vi.waitFor(() => expect(socket.messages).toHaveLength(1), HEARD);
      expect(socket.messages[0]).toEqual({
        type: "task.created",
        id: task.id,
        version: 1,
        task: { ...task },
        cursor: expect.any(String),
      });
    }

    const completed = await complete(alice, task.id);
    expect(completed.status).toBe(200);
    const deleted = await remove(alice, task.id);
    expect(deleted.status).toBe(204);

    for (const socket of [first, second]) {
      await vi.waitFor(() => expect(socket.messages).toHaveLength(3), HEARD);
      expect(types(socket.messages)).toEqual(["task.created", "task.updated", "task.deleted"]);
      const [, update, deletion] = socket.messages as TaskEvent[];
      expect(update).toMatchObject({ id: task.id, version: 2, task: { id: task.id, completed: true, version: 2 } });
      expect(deletion).toEqual({ type: "task.deleted", id: task.id, version: 2, cursor: expect.any(String) });
      const cursors = (socket.messages as TaskEvent[]).map((m) => Number(m.cursor));
      expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    }
    expect(second.messages).toEqual(first.messages);

    // Bob's socket works (it hears his own change) and heard nothing of Alice's before it.
    const own = await createTask(bob, { title: "Bob's own" });
    await vi.waitFor(() => expect(bobs.messages).toHaveLength(1), HEARD);
    expect(bobs.messages[0]).toMatchObject({ type: "task.created", id: own.id });
    expect(first.messages).toHaveLength(3);
  });

  // Covers 001 FR-074.
  it("replays the changes after a cursor, deletions included, and only the caller's", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    const socket = await socketFor(alice);
    const task = await createTask(alice, { title: "Catch me up" });
    // An empty PATCH (a toggle), sent raw: the typed client always sends a body.
    await request(`/api/${alice.id}/tasks/${task.id}/complete`, bearer(alice, { method: "PATCH" }));
    await remove(alice, task.id);
    await createTask(bob, { title: "Not Alice's" });
    await vi.waitFor(() => expect(socket.messages).toHaveLength(3), HEARD);
    const [created, update, deletion] = socket.messages as TaskEvent[];

    const response = await changesOf(alice, created?.cursor);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await bodyOf(response, 200);
    expect(page.items).toEqual([update, deletion]);
    expect(page.cursor).toBe(deletion?.cursor);

    // From the start: every change of Alice's, none of Bob's.
    const all = await bodyOf(await changesOf(alice, "0"), 200);
    expect(all.items).toEqual([created, update, deletion]);
    // Without a cursor: the current one, and no items.
    expect(await (await changesOf(alice)).json()).toEqual({ items: [], cursor: deletion?.cursor });
    expect(await (await changesOf(alice, deletion?.cursor)).json()).toEqual({ items: [], cursor: deletion?.cursor });
  });

  // Covers 001 FR-072, 001 FR-076, 001 FR-077.
  it("sends the events bulk actions and restores imply", async () => {
    const alice = await signUpUser("Alice");
    const tasks = [await createTask(alice, { title: "One" }), await createTask(alice, { title: "Two" })];
    const socket = await socketFor(alice);
    const bulk = (json: BulkAction) => tasksOf(alice).bulk.$post({ param: { userId: alice.id }, header: {}, json });

    expect((await bulk({ action: "complete" })).status).toBe(200);
    await vi.waitFor(() => expect(socket.messages).toHaveLength(2), HEARD);
    const cleared = await bulk({ action: "delete-completed" });
    const deletionId = (await bodyOf(cleared, 200)).deletionId ?? "";
    await vi.waitFor(() => expect(socket.messages).toHaveLength(4), HEARD);
    expect((await bulk({ action: "restore", deletionId })).status).toBe(200);
    await vi.waitFor(() => expect(socket.messages).toHaveLength(6), HEARD);

    expect(types(socket.messages)).toEqual([
      "task.updated",
      "task.updated",
      "task.deleted",
      "task.deleted",
      "task.created",
      "task.created",
    ]);
    const ids = tasks.map((t) => t.id).sort();
    for (const pair of [0, 2, 4]) {
      const events = socket.messages.slice(pair, pair + 2) as TaskEvent[];
      expect(events.map((e) => e.id).sort()).toEqual(ids);
      expect(events.every((e) => e.version === 2)).toBe(true);
    }
    // A restore brings the task back as it was, so it is "created" again with its fields and version.
    expect((socket.messages[4] as TaskEvent).task).toMatchObject({ completed: true, version: 2 });

    // One task's Undo, too.
    const [one] = tasks;
    const { routes, param } = taskOf(alice, one?.id ?? "");
    await routes.$delete({ param, header: {} });
    await routes.restore.$post({ param, header: {} });
    await vi.waitFor(() => expect(types(socket.messages.slice(6))).toEqual(["task.deleted", "task.created"]), HEARD);
  });

  it("records nothing, and sends nothing, for a write that changed nothing", async () => {
    const alice = await signUpUser("Alice");
    const task = await createTask(alice, { title: "Done already" });
    await complete(alice, task.id);
    const { cursor } = await bodyOf(await changesOf(alice), 200);
    expect((await complete(alice, task.id)).status).toBe(200);
    expect(await (await changesOf(alice, cursor)).json()).toEqual({ items: [], cursor });
  });

  it("answers the keep-alive ping without a change", async () => {
    const alice = await signUpUser("Alice");
    const socket = await socketFor(alice);
    socket.socket.send("ping");
    await vi.waitFor(() => expect(socket.texts).toEqual(["pong"]), HEARD);
    expect(socket.messages).toEqual([]);
  });
});
