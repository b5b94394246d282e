/**
 * Per-user caps (issue 11, OWASP API4): a list holds at most 10,000 tasks and
 * a user at most 10,000 live Idempotency-Keys. The database enforces both
 * inside the insert itself, so every create path is covered in its one round trip.
 */
import { describe, expect, it } from "vitest";
import { insertIdempotencyKeys, insertTasks } from "../../test/database.ts";
import { bearer, countedBindings, jsonBody, request, signUpUser } from "../../test/harness.ts";
import { MAX_IDEMPOTENCY_KEYS_PER_USER, MAX_TASKS_PER_USER } from "./bounds.ts";

describe("per-user caps", () => {
  // Covers 001 FR-062.
  it(`refuses the task after the ${MAX_TASKS_PER_USER.toLocaleString("en")}th with 409, on every create path, in one round trip`, async () => {
    const [user, other] = await Promise.all([signUpUser(), signUpUser()]);
    await insertTasks(user.id, MAX_TASKS_PER_USER - 1);
    const base = `/api/${user.id}/tasks`;

    const last = await request(base, bearer(user, jsonBody({ title: "The last one" })));
    expect(last.status).toBe(201);

    const { bindings, roundTrips } = countedBindings();
    const before = await roundTrips();
    const over = await request(base, bearer(user, jsonBody({ title: "One too many" })), bindings);
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ code: "TASK_LIMIT_REACHED" });
    expect(await roundTrips()).toBe(before + 1);

    const keyed = await request(
      base,
      bearer(user, jsonBody({ title: "One too many" }, { headers: { "idempotency-key": crypto.randomUUID() } })),
    );
    expect(keyed.status).toBe(409);
    expect(await keyed.json()).toMatchObject({ code: "TASK_LIMIT_REACHED" });

    const list = await request(`${base}?limit=1`, bearer(user));
    expect(await list.json()).toMatchObject({ counts: { all: MAX_TASKS_PER_USER } });
    // The cap is per user: someone else's list is unaffected.
    expect((await request(`/api/${other.id}/tasks`, bearer(other, jsonBody({ title: "Mine" })))).status).toBe(201);
  });

  // Covers 001 FR-063.
  it("bounds live Idempotency-Keys per user with 429 and Retry-After", async () => {
    const user = await signUpUser();
    await insertIdempotencyKeys(user.id, MAX_IDEMPOTENCY_KEYS_PER_USER);
    const response = await request(
      `/api/${user.id}/tasks`,
      bearer(user, jsonBody({ title: "Keyed" }, { headers: { "idempotency-key": crypto.randomUUID() } })),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3600");
    expect(await response.json()).toMatchObject({ code: "RATE_LIMITED" });
    // Without a key the task is created: only the keys are at their cap.
    expect((await request(`/api/${user.id}/tasks`, bearer(user, jsonBody({ title: "Plain" })))).status).toBe(201);
  });
});
