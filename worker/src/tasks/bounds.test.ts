/**
 * Input bounds from issue 11: dates outside the years 1900-9999 and text that
 * is not well-formed UTF-16 are refused with 422 on every write path, and
 * every insert path stores the same canonical instant.
 */
import { describe, expect, it } from "vitest";
import { bodyOf, type NewTask, type Problem, signUpUser, type TestUser, taskOf, tasksOf } from "../../test/harness.ts";

const create = (user: TestUser, json: NewTask, key?: string) =>
  tasksOf(user).$post({ param: { userId: user.id }, header: key ? { "idempotency-key": key } : {}, json });

async function expectRefused(response: { status: number; json(): Promise<unknown> }, pointer: string) {
  expect(response.status).toBe(422);
  const problem = (await response.json()) as Problem;
  expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
}

describe("dates", () => {
  // Covers 001 FR-032.
  it("refuses a due date that is BC in UTC, with or without an Idempotency-Key, and the list still works", async () => {
    const user = await signUpUser();
    const body = { title: "Ancient", dueAt: "0001-01-01T00:00:00+14:00" };
    await expectRefused(await create(user, body, crypto.randomUUID()), "#/dueAt");
    await expectRefused(await create(user, body), "#/dueAt");
    const list = await tasksOf(user).$get({ param: { userId: user.id }, query: {} });
    expect(await bodyOf(list, 200)).toMatchObject({ items: [], counts: { all: 0 } });
  });

  // Covers 001 FR-032.
  it("refuses year 50 on create and replace, and in the list's date filters", async () => {
    const user = await signUpUser();
    const year50 = "0050-06-01T00:00:00Z";
    await expectRefused(await create(user, { title: "Old", dueAt: year50 }), "#/dueAt");
    await expectRefused(await create(user, { title: "Old", dueAt: year50 }, crypto.randomUUID()), "#/dueAt");
    const task = await bodyOf(await create(user, { title: "Now" }), 201);
    const { routes, param } = taskOf(user, task.id);
    const replaced = await routes.$put({ param, header: {}, json: { title: "Now", dueAt: year50 } });
    await expectRefused(replaced, "#/dueAt");
    const listed = await tasksOf(user).$get({ param: { userId: user.id }, query: { dueBefore: year50 } });
    await expectRefused(listed, "#/query/dueBefore");
  });

  // Covers 001 FR-032.
  it("accepts the first and last instants, and refuses one just past each", async () => {
    const user = await signUpUser();
    for (const dueAt of ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"]) {
      const response = await create(user, { title: "Edge", dueAt });
      expect(await bodyOf(response, 201)).toMatchObject({ dueAt: new Date(dueAt).toISOString() });
    }
    // 1899 in UTC, and year 10000 in UTC: the instant counts, not the local year written.
    await expectRefused(await create(user, { title: "Edge", dueAt: "1900-01-01T00:30:00+01:00" }), "#/dueAt");
    await expectRefused(await create(user, { title: "Edge", dueAt: "9999-12-31T23:00:00-05:00" }), "#/dueAt");
  });

  it("stores the same instant through the plain and the idempotent create", async () => {
    const user = await signUpUser();
    const dueAt = "2026-12-01T09:00:00.123456+01:00";
    const expected = "2026-12-01T08:00:00.123Z";
    const plain = await bodyOf(await create(user, { title: "Plain", dueAt }), 201);
    const key = crypto.randomUUID();
    const keyed = await bodyOf(await create(user, { title: "Keyed", dueAt }, key), 201);
    const replayed = await bodyOf(await create(user, { title: "Keyed", dueAt }, key), 201);
    expect([plain.dueAt, keyed.dueAt, replayed.dueAt]).toEqual([expected, expected, expected]);
    for (const id of [plain.id, keyed.id]) {
      const { routes, param } = taskOf(user, id);
      const stored = await bodyOf(await routes.$get({ param }), 200);
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
    const task = await bodyOf(await create(user, { title: "Sound 🌱", tags: ["🌱"] }), 201);
    const { routes, param } = taskOf(user, task.id);
    await expectRefused(await routes.$put({ param, header: {}, json: { title: lone } }), "#/title");
    const stored = await routes.$get({ param });
    expect(await stored.json()).toMatchObject({ title: "Sound 🌱", tags: ["🌱"] });
  });
});
