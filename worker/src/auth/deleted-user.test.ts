/**
 * A token outlives its user: verification is stateless (no user lookup), so
 * until it expires the token still passes. Writes are then refused by the
 * tasks' foreign key to the user, mapped to 401; reads find nothing, because
 * deleting the user deleted their tasks.
 */
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { bearer, jsonBody, request, signUpUser } from "../../test/harness.ts";
import { expectInvalidToken } from "../../test/tokens.ts";

/** Deletes the user straight in the database, as an admin or a cascade elsewhere would. */
async function deleteUser(id: string): Promise<void> {
  const response = await fetch(inject("sqlEndpoint"), {
    method: "POST",
    headers: { "content-type": "application/json", "neon-connection-string": inject("databaseUrl") },
    body: JSON.stringify({ query: 'delete from "user" where id = $1', params: [id] }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ rowCount: 1 });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a token whose user was deleted", () => {
  // Covers 001 FR-020.
  it("cannot create a task: 401 invalid_token, not a server error", async () => {
    // The renderer logs the foreign-key failure it mapped; expected here, so kept out of the output.
    vi.spyOn(console, "error").mockImplementation(() => {});
    const user = await signUpUser();
    await deleteUser(user.id);
    const response = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody({ title: "After deletion" })));
    await expectInvalidToken(response);
  });

  // Covers 002 FR-027, 002 FR-068.
  it("still lists tasks until it expires, and finds none: verification is stateless", async () => {
    const user = await signUpUser();
    const created = await request(`/api/${user.id}/tasks`, bearer(user, jsonBody({ title: "Before deletion" })));
    expect(created.status).toBe(201);
    await deleteUser(user.id);
    const response = await request(`/api/${user.id}/tasks`, bearer(user));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: [] });
  });
});
