import { describe, expect, it } from "vitest";
import { bearer, bodyOf, type NewTask, request, signUpUser, type TestUser, tasksOf } from "../../test/harness.ts";

function post(user: TestUser, key: string, json: NewTask) {
  return tasksOf(user).$post({ param: { userId: user.id }, header: { "idempotency-key": key }, json });
}

async function count(user: TestUser) {
  const response = await tasksOf(user).$get({ param: { userId: user.id }, query: { limit: 200 } });
  return (await bodyOf(response, 200)).items.length;
}

describe("Idempotency-Key on POST", () => {
  // Covers 001 FR-043.
  it("replays the first response for the same key and body, creating no second task", async () => {
    const user = await signUpUser();
    const key = crypto.randomUUID();
    const first = await post(user, key, { title: "Pay rent", tags: ["Home"], dueAt: "2026-12-01T09:00:00+01:00" });
    const original = await bodyOf(first, 201);
    // The task changes in between (an empty PATCH, sent raw); the replay is still the first response.
    await request(`${first.headers.get("location")}/complete`, bearer(user, { method: "PATCH" }));

    const again = await post(user, key, { title: "Pay rent", tags: ["Home"], dueAt: "2026-12-01T09:00:00+01:00" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await bodyOf(again, 201)).toEqual(original);
    expect(await count(user)).toBe(1);
  });

  // Covers 001 FR-044.
  it("answers 422 for the same key with a different body", async () => {
    const user = await signUpUser();
    const key = crypto.randomUUID();
    expect((await post(user, key, { title: "One" })).status).toBe(201);
    const reused = await post(user, key, { title: "Two" });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await count(user)).toBe(1);
  });

  // Covers 001 FR-043.
  it("keeps keys per user: another person's identical key is independent", async () => {
    const alice = await signUpUser();
    const bob = await signUpUser();
    const key = crypto.randomUUID();
    expect((await post(alice, key, { title: "Same" })).status).toBe(201);
    const bobs = await post(bob, key, { title: "Same" });
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get("idempotent-replayed")).toBeNull();
    expect(await count(bob)).toBe(1);
  });

  // Covers 001 FR-045.
  it("creates exactly one task when the same request races itself", async () => {
    const user = await signUpUser();
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(user, key, { title: "Once" })));
    for (const response of responses) expect([201, 409]).toContain(response.status);
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThan(0);
    expect(await count(user)).toBe(1);
  });

  // Covers 001 FR-042.
  it("refuses a malformed key with 422", async () => {
    const user = await signUpUser();
    const response = await post(user, "has spaces in it", { title: "x" });
    expect(response.status).toBe(422);
    expect(await count(user)).toBe(0);
  });
});
