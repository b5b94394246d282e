/**
 * A POST or PUT that sends nothing at all is read as an empty object, so the
 * person learns which fields are missing instead of meeting a media-type error.
 */
import { describe, expect, it } from "vitest";
import { bearer, createTask, type Problem, request, signUpUser } from "../../test/harness.ts";

describe("a write with no body and no Content-Type", () => {
  // Covers 001 FR-013.
  it("is validated as an empty object: 422 at #/title, with or without Content-Length: 0", async () => {
    const user = await signUpUser();
    const { id } = await createTask(user, { title: "Kept" });
    // The writes under test send no body at all, which the typed client cannot: raw requests.
    const attempts: [string, RequestInit][] = [
      [`/api/${user.id}/tasks`, { method: "POST" }],
      // A byte body: a string body would make Request add a text/plain content type.
      [`/api/${user.id}/tasks`, { method: "POST", headers: { "content-length": "0" }, body: new Uint8Array(0) }],
      [`/api/${user.id}/tasks/${id}`, { method: "PUT", headers: { "if-match": '"1"' } }],
    ];
    for (const [path, init] of attempts) {
      const response = await request(path, bearer(user, init));
      expect(response.status, `${init.method} ${path}`).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((error) => error.pointer)).toContain("#/title");
    }
  });
});
