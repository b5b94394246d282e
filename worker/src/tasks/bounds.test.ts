/**
 * Input bounds from issue 11: dates outside the years 1900-9999 and text that
 * is not well-formed UTF-16 are refused with 422 on every write path, and
 * every insert path stores the same canonical instant.
 */
import { describe, expect, it } from "vitest";
import { bearer, jsonBody, request, signUpUser, type TestUser } from "../../test/harness.ts";

const create = (user: TestUser, body: unknown, key?: string) =>
  request(`/api/${user.id}/tasks`, bearer(user, jsonBody(body, key ? { headers: { "idempotency-key": key } } : {})));

async function expectRefused(response: Response, pointer: string) {
  expect(response.status).toBe(422);
  const problem = (await response.json()) as { errors: { pointer: string }[] };
  expect(problem.errors.map((error) => error.pointer)).toContain(pointer);
}

describe("dates", () => {
  // Covers 001 FR-032.
  it("refuses a due date that is BC in UTC, with or without an Idempotency-Key, and the list still works", async () => {
    const user = await signUpUser();
    const body = { title: "Ancient", dueAt: "0001-01-01T00:00:00+14:00" };
    await expectRefused(await create(user, body, crypto.randomUUID()), "#/dueAt");
    await expectRefused(await create(user, body), "#/dueAt");
    const list = await request(`/api/${user.id}/tasks`, bearer(user));
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: [], counts: { all: 0 } });
  });

  // Covers 001 FR-032.
  it("refuses year 50 on create and replace, and in the list's date filters", async () => {
    const user = await signUpUser();
    const year50 = "0050-06-01T00:00:00Z";
    await expectRefused(await create(user, { title: "Old", dueAt: year50 }), "#/dueAt");
    await expectRefused(await create(user, { title: "Old", dueAt: year50 }, crypto.randomUUID()), "#/dueAt");
    const task = (await (await create(user, { title: "Now" })).json()) as { id: string };
    const replaced = await request(
      `/api/${user.id}/tasks/${task.id}`,
      bearer(user, jsonBody({ title: "Now", dueAt: year50 }, { method: "PUT" })),
    );
    await expectRefused(replaced, "#/dueAt");
    await expectRefused(await request(`/api/${user.id}/tasks?dueBefore=${year50}`, bearer(user)), "#/query/dueBefore");
  });

  // Covers 001 FR-032.
  it("accepts the first and last instants, and refuses one just past each", async () => {
    const user = await signUpUser();
    for (const dueAt of ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"]) {
      const response = await create(user, { title: "Edge", dueAt });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ dueAt: new Date(dueAt).toISOString() });
    }
    // 1899 in UTC, and year 10000 in UTC: the instant counts, not the local year written.
    await expectRefused(await create(user, { title: "Edge", dueAt: "1900-01-01T00:30:00+01:00" }), "#/dueAt");
    await expectRefused(await create(user, { title: "Edge", dueAt: "9999-12-31T23:00:00-05:00" }), "#/dueAt");
  });

  it("stores the same instant through the plain and the idempotent create", async () => {
    const user = await signUpUser();
    const dueAt = "2026-12-01T09:00:00.123456+01:00";
    const expected = "2026-12-01T08:00:00.123Z";
    const plain = (await (await create(user, { title: "Plain", dueAt })).json()) as { id: string; dueAt: string };
    const key = crypto.randomUUID();
    const keyed = (await (await create(user, { title: "Keyed", dueAt }, key)).json()) as { id: string; dueAt: string };
    const replayed = (await (await create(user, { title: "Keyed", dueAt }, key)).json()) as { dueAt: string };
    expect([plain.dueAt, keyed.dueAt, replayed.dueAt]).toEqual([expected, expected, expected]);
    for (const id of [plain.id, keyed.id]) {
      const stored = (await (await request(`/api/${user.id}/tasks/${id}`, bearer(user))).json()) as { dueAt: string };
      expect(stored.dueAt).toBe(expected);
    }
  });
});

describe("text", () => {
  // Covers 001 FR-033.
  it("refuses a lone surrogate in every text field with 422, and accepts a proper pair", async () => {
    const user = await signUpUser();
    const lone = "broken \ud800 text";
    await expectRefused(await create(user, { title: lone }), "#/title");
    await expectRefused(await create(user, { title: "ok", description: lone }), "#/description");
    await expectRefused(await create(user, { title: "ok", tags: ["fine", "\udc00"] }), "#/tags/1");
    const task = (await (await create(user, { title: "Sound 🌱", tags: ["🌱"] })).json()) as { id: string };
    const replaced = await request(
      `/api/${user.id}/tasks/${task.id}`,
      bearer(user, jsonBody({ title: lone }, { method: "PUT" })),
    );
    await expectRefused(replaced, "#/title");
    const stored = await request(`/api/${user.id}/tasks/${task.id}`, bearer(user));
    expect(await stored.json()).toMatchObject({ title: "Sound 🌱", tags: ["🌱"] });
  });
});
