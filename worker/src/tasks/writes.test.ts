import { describe, expect, it } from "vitest";
import {
  bearer,
  bodyOf,
  countedBindings,
  createTask,
  jsonBody,
  request,
  signUpUser,
  taskOf,
  tasksOf,
} from "../../test/harness.ts";

const put = (body: unknown, headers: Record<string, string> = {}) => jsonBody(body, { method: "PUT", headers });

describe("changing tasks", () => {
  // Covers 001 FR-006, 001 FR-030, 001 FR-031, 001 FR-034.
  it("creates a task with every field, normalising tags, and answers its ETag", async () => {
    const user = await signUpUser();
    const response = await tasksOf(user).$post({
      param: { userId: user.id },
      header: {},
      json: {
        title: "Plan trip",
        description: "Book trains",
        priority: "high",
        tags: [" Travel ", "travel", "Family  Time"],
        dueAt: "2026-12-24T18:00:00+01:00",
      },
    });
    expect(response.headers.get("etag")).toBe('"1"');
    expect(await bodyOf(response, 201)).toMatchObject({
      priority: "high",
      tags: ["travel", "family time"],
      dueAt: "2026-12-24T17:00:00.000Z",
      version: 1,
    });
  });

  // Covers 001 FR-027, 001 FR-034.
  it("replaces a task with PUT, bumping its version and ETag", async () => {
    const user = await signUpUser();
    const task = await createTask(user, { title: "Old", description: "old", tags: ["x"] });
    const { routes, param } = taskOf(user, task.id);
    const response = await routes.$put({ param, header: {}, json: { title: "New", priority: "low", completed: true } });
    expect(response.headers.get("etag")).toBe('"2"');
    const body = await bodyOf(response, 200);
    // Full replacement: omitted fields return to their defaults.
    expect(body).toMatchObject({
      title: "New",
      description: null,
      tags: [],
      priority: "low",
      completed: true,
      version: 2,
    });
    expect(body.completedAt).toEqual(expect.any(String));
  });

  // Covers 001 FR-035, 001 FR-036.
  it("honours If-Match, answering 412 with the current ETag when it is stale", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const { routes, param } = taskOf(user, task.id);
    const first = await routes.$put({ param, header: { "if-match": '"1"' }, json: { title: "First" } });
    expect(first.status).toBe(200);
    const stale = await routes.$put({ param, header: { "if-match": '"1"' }, json: { title: "Second" } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const current = await bodyOf(await routes.$get({ param }), 200);
    expect(current.title).toBe("First");
    // Weak tags never match under If-Match's strong comparison.
    const weak = await routes.$put({ param, header: { "if-match": 'W/"2"' }, json: { title: "Weak" } });
    expect(weak.status).toBe(412);
    const any = await routes.$put({ param, header: { "if-match": "*" }, json: { title: "Any" } });
    expect(any.status).toBe(200);
  });

  // Covers 001 FR-037.
  it("lets exactly one of two concurrent PUTs with the same If-Match win", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const { routes, param } = taskOf(user, task.id);
    const results = await Promise.all(
      ["Left", "Right"].map((title) => routes.$put({ param, header: { "if-match": '"1"' }, json: { title } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const won = results.find((r) => r.status === 200);
    const winner = won && (await bodyOf(won, 200));
    const current = await bodyOf(await routes.$get({ param }), 200);
    expect(current).toMatchObject({ title: winner?.title, version: 2 });
  });

  // Covers 001 FR-028.
  it("toggles completion with an empty PATCH and sets it idempotently with a body", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    // The empty PATCH has no body, which the typed client (json required) cannot send: raw requests.
    const path = `/api/${user.id}/tasks/${task.id}/complete`;
    const toggled = await request(path, bearer(user, { method: "PATCH" }));
    expect(toggled.status).toBe(200);
    expect(await toggled.json()).toMatchObject({ completed: true, version: 2, completedAt: expect.any(String) });

    const { routes, param } = taskOf(user, task.id);
    const again = await routes.complete.$patch({ param, header: {}, json: { completed: true } });
    expect(await bodyOf(again, 200)).toMatchObject({ completed: true, version: 2 });

    const back = await request(path, bearer(user, { method: "PATCH" }));
    expect(await back.json()).toMatchObject({ completed: false, completedAt: null, version: 3 });
  });

  // Covers 001 FR-029.
  it("deletes a task with 204, after which it is 404", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const { routes, param } = taskOf(user, task.id);
    const stale = await routes.$delete({ param, header: { "if-match": '"7"' } });
    expect(stale.status).toBe(412);
    const deleted = await routes.$delete({ param, header: { "if-match": '"1"' } });
    expect(deleted.status).toBe(204);
    expect((await routes.$get({ param })).status).toBe(404);
    expect((await routes.$delete({ param, header: {} })).status).toBe(404);
  });

  // Covers 001 FR-023.
  it("costs at most one SQL round trip per request, authentication included", async () => {
    const user = await signUpUser();
    const { bindings, roundTrips } = countedBindings();
    const base = `/api/${user.id}/tasks`;
    const steps: [string, RequestInit][] = [
      [base, jsonBody({ title: "Counted" })],
      [base, jsonBody({ title: "Counted too" }, { headers: { "idempotency-key": crypto.randomUUID() } })],
      [base, {}],
    ];
    let before = await roundTrips();
    for (const [path, init] of steps) {
      const response = await request(path, bearer(user, init), bindings);
      expect(response.status).toBeLessThan(300);
      const after = await roundTrips();
      expect(after - before).toBe(1);
      before = after;
    }
    const { items } = await bodyOf(await tasksOf(user, bindings).$get({ param: { userId: user.id }, query: {} }), 200);
    before = await roundTrips();
    const id = items[0]?.id;
    for (const [suffix, init] of [
      [`/${id}`, {}],
      [`/${id}`, put({ title: "Edited" })],
      [`/${id}/complete`, { method: "PATCH" }],
      [`/${id}`, { method: "DELETE" }],
      [`/${id}/restore`, { method: "POST" }],
      ["/bulk", jsonBody({ action: "complete" })],
      ["/bulk", jsonBody({ action: "delete-completed" }, { headers: { "idempotency-key": crypto.randomUUID() } })],
    ] as [string, RequestInit][]) {
      const response = await request(`${base}${suffix}`, bearer(user, init), bindings);
      expect(response.status).toBeLessThan(300);
      const after = await roundTrips();
      expect(after - before).toBe(1);
      before = after;
    }
  });
});

describe("one person's tasks are invisible to another", () => {
  // Covers 001 FR-022.
  it("answers 404 on every route for another person's task id, and changes nothing", async () => {
    const owner = await signUpUser("Owner");
    const intruder = await signUpUser("Intruder");
    const task = await createTask(owner, { title: "Private" });
    const mine = `/api/${intruder.id}/tasks/${task.id}`;
    const attempts: [string, RequestInit][] = [
      [mine, {}],
      [mine, put({ title: "Hijacked" })],
      [mine, { method: "DELETE" }],
      [`${mine}/complete`, { method: "PATCH" }],
    ];
    for (const [path, init] of attempts) {
      const response = await request(path, bearer(intruder, init));
      expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(404);
    }
    const theirs = `/api/${owner.id}/tasks/${task.id}`;
    for (const init of [{}, put({ title: "Hijacked" }), { method: "DELETE" }]) {
      expect((await request(theirs, bearer(intruder, init))).status).toBe(403);
    }
    const owners = taskOf(owner, task.id);
    const after = await bodyOf(await owners.routes.$get({ param: owners.param }), 200);
    expect(after).toMatchObject({ title: "Private", completed: false, version: 1 });
  });
});

describe("protocol edges", () => {
  // Covers 001 FR-018.
  it("answers a wrong method with 405 and Allow", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks`, bearer(user, { method: "PUT" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, HEAD");
  });

  // Covers 001 FR-019.
  it("answers 503 with Retry-After, not 500, when the database is unreachable", async () => {
    const user = await signUpUser();
    const { bindings } = countedBindings();
    const unreachable = { ...bindings, NEON_HTTP_ENDPOINT: "http://127.0.0.1:9/sql" };
    const response = await tasksOf(user, unreachable).$get({ param: { userId: user.id }, query: {} });
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(await bodyOf(response, 503)).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
  });
});

describe("bodies and media types", () => {
  // Covers 001 FR-014.
  it("toggles with a PATCH that declares an empty body (Content-Length: 0, no Content-Type)", async () => {
    const user = await signUpUser();
    const task = await createTask(user);
    const response = await request(
      `/api/${user.id}/tasks/${task.id}/complete`,
      // A byte body: a string body would make Request add a text/plain content type.
      bearer(user, { method: "PATCH", headers: { "content-length": "0" }, body: new Uint8Array(0) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ completed: true });
  });

  // Covers 001 FR-014.
  it("accepts JSON media types with parameters and suffixes, and refuses others with 415", async () => {
    const user = await signUpUser();
    for (const type of [
      "application/json; charset=utf-8",
      "application/json;charset=UTF-8",
      "application/vnd.todo+json",
    ]) {
      const response = await request(
        `/api/${user.id}/tasks`,
        bearer(user, { method: "POST", headers: { "content-type": type }, body: '{"title":"typed"}' }),
      );
      expect(response.status, type).toBe(201);
    }
    const form = await request(
      `/api/${user.id}/tasks`,
      bearer(user, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "title=x",
      }),
    );
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      detail: "Send the request body as application/json.",
    });
  });
});
