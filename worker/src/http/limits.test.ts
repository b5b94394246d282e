/**
 * Oversized headers and private answers (issue 11): an If-Match too long for
 * one statement is refused with 422, and nothing under /api/{user_id} may be
 * stored by a cache.
 */
import { describe, expect, it } from "vitest";
import { bearer, createTask, jsonBody, request, signUpUser, type Task } from "../../test/harness.ts";
import { MAX_IF_MATCH_TAGS } from "./preconditions.ts";

describe("If-Match", () => {
  // Covers 001 FR-064.
  it("refuses 80,000 entity tags with 422, not a database error", async () => {
    const user = await signUpUser();
    const task = await createTask(user, { title: "T" });
    const tags = Array.from({ length: 80_000 }, (_, n) => `"${n + 2}"`).join(", ");
    for (const [method, path] of [
      ["PUT", `/api/${user.id}/tasks/${task.id}`],
      ["DELETE", `/api/${user.id}/tasks/${task.id}`],
      ["PATCH", `/api/${user.id}/tasks/${task.id}/complete`],
    ] as const) {
      const headers = { "if-match": tags };
      const init = method === "PUT" ? jsonBody({ title: "U" }, { method, headers }) : { method, headers };
      const response = await request(path, bearer(user, init));
      expect(response.status, method).toBe(422);
      expect(await response.json()).toMatchObject({ errors: [{ pointer: "#/header/if-match" }] });
    }
    // The most tags allowed still works, and still matches.
    const allowed = [...Array.from({ length: MAX_IF_MATCH_TAGS - 1 }, (_, n) => `"${n + 2}"`), '"1"'].join(", ");
    const deleted = await request(
      `/api/${user.id}/tasks/${task.id}`,
      bearer(user, { method: "DELETE", headers: { "if-match": allowed } }),
    );
    expect(deleted.status).toBe(204);
  });
});

describe("caching", () => {
  // Covers 001 FR-060.
  it("sends Cache-Control: no-store on every answer under /api/{user_id}, problems included", async () => {
    const user = await signUpUser();
    const base = `/api/${user.id}/tasks`;
    const created = await request(base, bearer(user, jsonBody({ title: "Private" })));
    // Raw requests throughout: the list of answers includes one with no credentials at all.
    const { id } = (await created.clone().json()) as Task;
    const answers = [
      created,
      await request(base, bearer(user)),
      await request(`${base}/${id}`, bearer(user)),
      await request(`${base}/${id}/complete`, bearer(user, { method: "PATCH" })),
      await request(`${base}/${crypto.randomUUID()}`, bearer(user)),
      await request(base),
      await request(`${base}/${id}`, bearer(user, { method: "DELETE" })),
    ];
    expect(answers.map((response) => response.status)).toEqual([201, 200, 200, 200, 404, 401, 204]);
    for (const response of answers) expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
