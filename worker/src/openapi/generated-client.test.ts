/**
 * Outside tools accept the contract (issue 14): a client generated from the
 * served document by openapi-typescript (worker/test/openapi-types.generated.ts,
 * written by scripts/lint-contract.ts) and driven by openapi-fetch type-checks
 * and runs the whole CRUD flow, the 404 included, against the test stack.
 */
import { createExecutionContext } from "cloudflare:test";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { signUpUser, testBindings } from "../../test/harness.ts";
import type { paths } from "../../test/openapi-types.generated.ts";
import { app } from "../app.ts";

describe("a client generated from /openapi.json", () => {
  it("creates, lists, gets, replaces, completes and deletes a task, then gets a 404", async () => {
    const user = await signUpUser();
    const bindings = testBindings();
    const client = createClient<paths>({
      baseUrl: "http://localhost:8787",
      headers: { authorization: `Bearer ${user.token}` },
      // An execution context, as in production: a write hands its live events to waitUntil.
      fetch: (request: Request) => Promise.resolve(app.fetch(request, bindings, createExecutionContext())),
    });
    const params = { path: { userId: user.id } };

    const created = await client.POST("/api/{userId}/tasks", { params, body: { title: "Generated", tags: ["sdk"] } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? "";
    expect(created.data?.tags).toEqual(["sdk"]);

    const listed = await client.GET("/api/{userId}/tasks", { params: { ...params, query: { limit: 10 } } });
    expect(listed.data?.items.map((task) => task.id)).toContain(id);

    const taskParams = { path: { userId: user.id, id } };
    const fetched = await client.GET("/api/{userId}/tasks/{id}", { params: taskParams });
    expect(fetched.data?.title).toBe("Generated");

    const replaced = await client.PUT("/api/{userId}/tasks/{id}", {
      params: { ...taskParams, header: { "if-match": fetched.response.headers.get("etag") ?? "*" } },
      body: { title: "Replaced", priority: "high" },
    });
    expect(replaced.data).toMatchObject({ title: "Replaced", priority: "high", version: 2 });

    const completed = await client.PATCH("/api/{userId}/tasks/{id}/complete", {
      params: taskParams,
      body: { completed: true },
    });
    expect(completed.data?.completed).toBe(true);

    const deleted = await client.DELETE("/api/{userId}/tasks/{id}", { params: taskParams });
    expect(deleted.response.status).toBe(204);

    const missing = await client.GET("/api/{userId}/tasks/{id}", { params: taskParams });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe("TASK_NOT_FOUND");
  });
});
