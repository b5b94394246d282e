/**
 * The API while its database is down, failing, slow, or losing replies, over
 * a real network (test-support/sql-fault-proxy.ts). What it promises:
 * - it answers 503 problem+json with Retry-After in bounded time, never hangs
 *   and never answers 500;
 * - it serves again by itself as soon as the database is back;
 * - a write is one HTTP request carrying one transaction, so it is applied
 *   entirely or not at all; never in part.
 * What it cannot promise: a 503 for a write means "outcome unknown". A
 * statement the database already received may commit after the Worker gave
 * up (the "lost-reply" tests show it does). Retries are made safe by
 * Idempotency-Key (POST), If-Match (PUT, DELETE) and setting rather than
 * toggling completion (PATCH with a body).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  bearer,
  bodyOf,
  createTask,
  jsonBody,
  request,
  signUpUser,
  type TestUser,
  taskOf,
  tasksOf,
} from "../../test/harness.ts";
import { type FaultMode, newFaultyDatabase } from "../../test/sql-fault-proxy.ts";
import { DATABASE_TIMEOUT_MS } from "./client.ts";

/**
 * How long any answer may take while the database misbehaves: the Worker's
 * timeout plus a wide margin for a loaded machine. The point is "bounded",
 * not "fast": without the timeout these requests would wait forever.
 */
const ANSWER_WITHIN_MS = DATABASE_TIMEOUT_MS + 10_000;

/** The Worker's console.error, silenced: a logged 503 is the expected outcome here. */
let errorLog: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Sends a request and measures how long the answer took. */
async function timed(send: () => Response | Promise<Response>): Promise<{ response: Response; elapsedMs: number }> {
  const started = performance.now();
  const response = await send();
  return { response, elapsedMs: performance.now() - started };
}

/** A raw Response or a typed client's answer. */
type Answer = Pick<Response, "status" | "headers"> & { json(): Promise<unknown> };

async function expectDatabaseUnavailable(response: Answer): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await response.json()).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
  expect(errorLog).toHaveBeenCalledWith("DATABASE_UNAVAILABLE:", expect.anything());
}

/** A task made with the database healthy (straight to the endpoint, not through the proxy). */
async function newTask(user: TestUser, title = "Before the outage") {
  return createTask(user, { title });
}

/** The task as the database has it now, read past the proxy. */
async function current(user: TestUser, id: string) {
  const { routes, param } = taskOf(user, id);
  return bodyOf(await routes.$get({ param }), 200);
}

const put = (body: unknown, ifMatch: string) => jsonBody(body, { method: "PUT", headers: { "if-match": ifMatch } });

describe("database outages", () => {
  it.each<FaultMode>(["down", "error"])(
    "answers 503 with Retry-After in bounded time while the database is %s, and serves again once it is back",
    async (mode) => {
      const user = await signUpUser();
      const task = await newTask(user);
      const db = newFaultyDatabase();
      const path = `/api/${user.id}/tasks/${task.id}`;
      await db.setMode(mode);

      const read = await timed(() => request(`/api/${user.id}/tasks`, bearer(user), db.bindings));
      expect(read.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
      await expectDatabaseUnavailable(read.response);
      const write = await timed(() => request(path, bearer(user, put({ title: "During" }, '"1"')), db.bindings));
      expect(write.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
      await expectDatabaseUnavailable(write.response);
      expect(await db.counts()).toMatchObject({ received: 2, forwarded: 0 });
      expect(await current(user, task.id)).toMatchObject({ title: "Before the outage", version: 1 });

      // Nothing to reset and no cached failure: the very next request succeeds.
      await db.setMode("pass");
      const list = await request(`/api/${user.id}/tasks`, bearer(user), db.bindings);
      expect(list.status).toBe(200);
      const retried = await request(path, bearer(user, put({ title: "After" }, '"1"')), db.bindings);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toMatchObject({ title: "After", version: 2 });
    },
  );

  it("waits for a database that is slow but within the timeout", async () => {
    const user = await signUpUser();
    const db = newFaultyDatabase();
    await db.setMode("slow", 300);
    const response = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody({ title: "Slowly" })), db.bindings);
    expect(response.status).toBe(201);
    expect(await db.counts()).toMatchObject({ forwarded: 1, dropped: 0 });
  });

  // Covers 001 FR-019.
  it("gives up on a database slower than its timeout with 503, closing the request so the write never lands", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const db = newFaultyDatabase();
    const path = `/api/${user.id}/tasks/${task.id}`;
    // Held far longer than the Worker waits; forwarded afterwards only if the Worker kept the request open.
    await db.setMode("slow", DATABASE_TIMEOUT_MS + 5_000);

    const write = await timed(() => request(path, bearer(user, put({ title: "Too late" }, '"1"')), db.bindings));
    expect(write.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    await expectDatabaseUnavailable(write.response);

    // The Worker's timeout aborted the fetch, which closed the connection: the proxy saw the
    // client leave and dropped the statement instead of handing it to the database.
    await vi.waitFor(async () => expect(await db.counts()).toMatchObject({ dropped: 1, forwarded: 0 }), {
      timeout: 5_000,
      interval: 100,
    });
    expect(await current(user, task.id)).toMatchObject({ title: "Before the outage", version: 1 });

    await db.setMode("pass");
    const retried = await request(path, bearer(user, put({ title: "In time" }, '"1"')), db.bindings);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ title: "In time", version: 2 });
  });
});

// Covers 001 FR-047.
describe("writes whose reply was lost", () => {
  it("applies a create entirely and once: the retry with the same Idempotency-Key replays it", async () => {
    const user = await signUpUser();
    const db = newFaultyDatabase();
    const create = () =>
      tasksOf(user, db.bindings).$post({
        param: { userId: user.id },
        header: { "idempotency-key": "lost-reply-1" },
        json: { title: "Exactly once" },
      });
    await db.setMode("lost-reply");
    await expectDatabaseUnavailable(await create());
    expect(await db.counts()).toMatchObject({ forwarded: 1 });

    await db.setMode("pass");
    const retry = await create();
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const { id } = await bodyOf(retry, 201);
    // The key and the task were one transaction: the replayed key names a task that exists.
    expect(await current(user, id)).toMatchObject({ title: "Exactly once", version: 1 });
    const list = await tasksOf(user).$get({ param: { userId: user.id }, query: {} });
    const { items } = await bodyOf(list, 200);
    expect(items.map((item) => item.title)).toEqual(["Exactly once"]);
  });

  it("applies a conditional edit once: the retry's If-Match fails with the ETag the lost write made", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const db = newFaultyDatabase();
    const path = `/api/${user.id}/tasks/${task.id}`;
    await db.setMode("lost-reply");
    await expectDatabaseUnavailable(await request(path, bearer(user, put({ title: "Edited" }, '"1"')), db.bindings));

    await db.setMode("pass");
    const retry = await request(path, bearer(user, put({ title: "Edited" }, '"1"')), db.bindings);
    expect(retry.status).toBe(412);
    expect(retry.headers.get("etag")).toBe('"2"');
    expect(await current(user, task.id)).toMatchObject({ title: "Edited", version: 2 });
  });

  it("sets completion idempotently: a retried PATCH with a body does not undo the lost one", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const db = newFaultyDatabase();
    const complete = () =>
      request(
        `/api/${user.id}/tasks/${task.id}/complete`,
        bearer(user, jsonBody({ completed: true }, { method: "PATCH" })),
        db.bindings,
      );
    await db.setMode("lost-reply");
    await expectDatabaseUnavailable(await complete());

    await db.setMode("pass");
    const retry = await complete();
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ completed: true, version: 2 });
  });
});
