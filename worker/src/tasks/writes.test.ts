import { describe, expect, it } from "vitest";
import { bearer, countedBindings, jsonBody, request, signUpUser, type TestUser } from "../../test/harness.ts";

async function newTask(user: TestUser, body: Record<string, unknown> = { title: "A task" }) {
  const response = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody(body)));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number } & Record<string, unknown>;
}

const put = (body: unknown, headers: Record<string, string> = {}) => jsonBody(body, { method: "PUT", headers });

describe("changing tasks", () => {
  // Covers 001 FR-006, 001 FR-030, 001 FR-031, 001 FR-034.
  it("creates a task with every field, normalising tags, and answers its ETag", async () => {
    const user = await signUpUser();
    const response = await request(
      `/api/${user.id}/tasks`,
      bearer(
        user,
        jsonBody({
          title: "Plan trip",
          description: "Book trains",
          priority: "high",
          tags: [" Travel ", "travel", "Family  Time"],
          dueAt: "2026-12-24T18:00:00+01:00",
        }),
      ),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"1"');
    expect(await response.json()).toMatchObject({
      priority: "high",
      tags: ["travel", "family time"],
      dueAt: "2026-12-24T17:00:00.000Z",
      version: 1,
    });
  });

  // Covers 001 FR-027, 001 FR-034.
  it("replaces a task with PUT, bumping its version and ETag", async () => {
    const user = await signUpUser();
    const task = await newTask(user, { title: "Old", description: "old", tags: ["x"] });
    const response = await request(
      `/api/${user.id}/tasks/${task.id}`,
      bearer(user, put({ title: "New", priority: "low", completed: true })),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"2"');
    const body = (await response.json()) as Record<string, unknown>;
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
    const task = await newTask(user);
    const path = `/api/${user.id}/tasks/${task.id}`;
    const first = await request(path, bearer(user, put({ title: "First" }, { "if-match": '"1"' })));
    expect(first.status).toBe(200);
    const stale = await request(path, bearer(user, put({ title: "Second" }, { "if-match": '"1"' })));
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const current = (await (await request(path, bearer(user))).json()) as { title: string };
    expect(current.title).toBe("First");
    // Weak tags never match under If-Match's strong comparison.
    const weak = await request(path, bearer(user, put({ title: "Weak" }, { "if-match": 'W/"2"' })));
    expect(weak.status).toBe(412);
    const any = await request(path, bearer(user, put({ title: "Any" }, { "if-match": "*" })));
    expect(any.status).toBe(200);
  });

  // Covers 001 FR-037.
  it("lets exactly one of two concurrent PUTs with the same If-Match win", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const path = `/api/${user.id}/tasks/${task.id}`;
    const results = await Promise.all(
      ["Left", "Right"].map((title) => request(path, bearer(user, put({ title }, { "if-match": '"1"' })))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = (await results.find((r) => r.status === 200)?.json()) as { title: string };
    const current = (await (await request(path, bearer(user))).json()) as { title: string; version: number };
    expect(current).toMatchObject({ title: winner.title, version: 2 });
  });

  // Covers 001 FR-028.
  it("toggles completion with an empty PATCH and sets it idempotently with a body", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const path = `/api/${user.id}/tasks/${task.id}/complete`;
    const toggled = await request(path, bearer(user, { method: "PATCH" }));
    expect(toggled.status).toBe(200);
    expect(await toggled.json()).toMatchObject({ completed: true, version: 2, completedAt: expect.any(String) });

    const again = await request(path, bearer(user, jsonBody({ completed: true }, { method: "PATCH" })));
    expect(await again.json()).toMatchObject({ completed: true, version: 2 });

    const back = await request(path, bearer(user, { method: "PATCH" }));
    expect(await back.json()).toMatchObject({ completed: false, completedAt: null, version: 3 });
  });

  // Covers 001 FR-029.
  it("deletes a task with 204, after which it is 404", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
    const path = `/api/${user.id}/tasks/${task.id}`;
    const stale = await request(path, bearer(user, { method: "DELETE", headers: { "if-match": '"7"' } }));
    expect(stale.status).toBe(412);
    const deleted = await request(path, bearer(user, { method: "DELETE", headers: { "if-match": '"1"' } }));
    expect(deleted.status).toBe(204);
    expect((await request(path, bearer(user))).status).toBe(404);
    expect((await request(path, bearer(user, { method: "DELETE" }))).status).toBe(404);
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
    const { items } = (await (await request(base, bearer(user), bindings)).json()) as { items: { id: string }[] };
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
    const task = await newTask(owner, { title: "Private" });
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
    const after = (await (await request(theirs, bearer(owner))).json()) as Record<string, unknown>;
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
    const response = await request(`/api/${user.id}/tasks`, bearer(user), {
      ...bindings,
      NEON_HTTP_ENDPOINT: "http://127.0.0.1:9/sql",
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(await response.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
  });
});

describe("bodies and media types", () => {
  // Covers 001 FR-014.
  it("toggles with a PATCH that declares an empty body (Content-Length: 0, no Content-Type)", async () => {
    const user = await signUpUser();
    const task = await newTask(user);
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
