/**
 * Property-based fuzzing of bodies and query strings: whatever a client
 * sends, the API never answers 5xx, and a rejected request changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bearer, bodyOf, createTask, request, signUpUser, tasksOf } from "../../test/harness.ts";

/** Values that look like what a client might send, including every wrong type. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const taskLike = fc.record(
  {
    title: fc.oneof(fc.string({ maxLength: 250 }), fc.string({ unit: "binary", maxLength: 20 }), anyJson),
    description: fc.oneof(fc.string({ maxLength: 1100 }), fc.string({ unit: "binary" }), fc.constant(null), anyJson),
    priority: fc.oneof(fc.constantFrom("none", "low", "medium", "high", "urgent", ""), anyJson),
    tags: fc.oneof(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { maxLength: 12 }), anyJson),
    dueAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
      anyJson,
    ),
    completed: fc.oneof(fc.boolean(), anyJson),
    extra: anyJson,
  },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(
  taskLike.map((v) => JSON.stringify(v)),
  anyJson.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
);

describe("fuzzing", () => {
  // Covers 001 FR-012.
  it("never answers 5xx to any body on any write, and rejected writes change nothing", async () => {
    const user = await signUpUser();
    const base = `/api/${user.id}/tasks`;
    const { id } = await createTask(user, { title: "Seed" });
    // The fuzzed requests stay raw (arbitrary bodies and media types); the snapshots read through the typed client.
    const snapshot = async () =>
      bodyOf(await tasksOf(user).$get({ param: { userId: user.id }, query: { limit: 200 } }), 200);

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ["POST", base],
          ["PUT", `${base}/${id}`],
          ["PATCH", `${base}/${id}/complete`],
          ["POST", `${base}/bulk`],
        ),
        rawBody,
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
        async ([method, path], body, contentType) => {
          const before = await snapshot();
          const response = await request(
            path,
            bearer(user, { method, headers: { "content-type": contentType }, body }),
          );
          expect(response.status, `${method} ${body}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get("content-type")).toBe("application/problem+json");
            expect(await snapshot()).toEqual(before);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  // Covers 001 FR-005.
  it("never answers 5xx to any query string", async () => {
    const user = await signUpUser();
    const key = fc.constantFrom(
      "status",
      "priority",
      "tag",
      "q",
      "due",
      "dueBefore",
      "dueAfter",
      "tz",
      "sort",
      "order",
      "limit",
      "cursor",
      "x",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, fc.string({ unit: "binary", maxLength: 60 })), { maxLength: 6 }),
        async (pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const response = await request(`/api/${user.id}/tasks?${query}`, bearer(user));
          expect(response.status, query).toBeLessThan(500);
          expect([200, 422]).toContain(response.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  // Covers 001 FR-053.
  it("never answers 5xx to any bulk action's filter", async () => {
    const user = await signUpUser();
    const key = fc.constantFrom("status", "priority", "tag", "q", "due", "dueBefore", "dueAfter", "tz", "x");
    const value = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.integer(), fc.constant(null), fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("complete", "reopen", "delete-completed", "restore", "other"),
        fc.dictionary(key, value, { maxKeys: 5 }),
        async (action, filter) => {
          const response = await request(
            `/api/${user.id}/tasks/bulk`,
            bearer(user, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ action, filter }),
            }),
          );
          expect(response.status, JSON.stringify({ action, filter })).toBeLessThan(500);
          expect([200, 422]).toContain(response.status);
        },
      ),
      { numRuns: 100 },
    );
  });
});
