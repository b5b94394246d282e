/**
 * Contract test: real responses, success and problem alike, validate against
 * the schemas the served /openapi.json declares for their route and status.
 */
import { Validator } from "@cfworker/json-schema";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BulkResult,
  bearer,
  jsonBody,
  request,
  signUpUser,
  type Task,
  type TestUser,
} from "../../test/harness.ts";

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
}

let doc: OpenApiDocument;

beforeAll(async () => {
  doc = (await (await request("/openapi.json")).json()) as OpenApiDocument;
});

/** Validates `response` against the document's schema for (path template, method, status, content type). */
async function expectConforms(template: string, method: string, response: Response) {
  const declared = doc.paths[template]?.[method]?.responses[String(response.status)];
  expect(declared, `${method} ${template} does not declare ${response.status}`).toBeDefined();
  const type = response.headers.get("content-type")?.split(";")[0] ?? "";
  if (response.status === 204) return;
  const schema = declared?.content?.[type]?.schema;
  expect(schema, `${method} ${template} ${response.status} does not declare ${type}`).toBeDefined();
  // Resolve #/components/schemas/* references against the document itself.
  const validator = new Validator({ ...schema, components: doc.components } as object, "2020-12", false);
  const body = await response.json();
  const result = validator.validate(body);
  expect(result.errors, JSON.stringify(body)).toEqual([]);
}

describe("the OpenAPI document matches real responses", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUpUser();
  });

  // Covers 001 FR-002.
  it("for every task route's success response", async () => {
    const base = `/api/${user.id}/tasks`;
    const created = await request(
      base,
      bearer(user, jsonBody({ title: "Contract", tags: ["a"], dueAt: "2026-12-01T10:00:00Z" })),
    );
    // Raw requests: what is checked is the answer on the wire against the served document.
    const { id } = (await created.clone().json()) as Task;
    await expectConforms("/api/{userId}/tasks", "post", created);
    await expectConforms("/api/{userId}/tasks", "get", await request(base, bearer(user)));
    await expectConforms("/api/{userId}/tasks/{id}", "get", await request(`${base}/${id}`, bearer(user)));
    await expectConforms(
      "/api/{userId}/tasks/{id}",
      "put",
      await request(`${base}/${id}`, bearer(user, jsonBody({ title: "Changed" }, { method: "PUT" }))),
    );
    await expectConforms(
      "/api/{userId}/tasks/{id}/complete",
      "patch",
      await request(`${base}/${id}/complete`, bearer(user, { method: "PATCH" })),
    );
    await expectConforms(
      "/api/{userId}/tasks/{id}",
      "delete",
      await request(`${base}/${id}`, bearer(user, { method: "DELETE" })),
    );
    await expectConforms(
      "/api/{userId}/tasks/{id}/restore",
      "post",
      await request(`${base}/${id}/restore`, bearer(user, { method: "POST" })),
    );
    await expectConforms(
      "/api/{userId}/tasks/bulk",
      "post",
      await request(`${base}/bulk`, bearer(user, jsonBody({ action: "complete", filter: { tag: "a" } }))),
    );
    const cleared = await request(`${base}/bulk`, bearer(user, jsonBody({ action: "delete-completed" })));
    const { deletionId } = (await cleared.clone().json()) as BulkResult;
    await expectConforms("/api/{userId}/tasks/bulk", "post", cleared);
    await expectConforms(
      "/api/{userId}/tasks/bulk",
      "post",
      await request(`${base}/bulk`, bearer(user, jsonBody({ action: "restore", deletionId }))),
    );
    await expectConforms("/health", "get", await request("/health"));
  });

  // Covers 001 FR-002, 004 FR-010.
  it("for a repeating task's completions and their Undo", async () => {
    const base = `/api/${user.id}/tasks`;
    const repeating = { title: "Daily", dueAt: "2026-12-01T10:00:00Z", repeat: "FREQ=DAILY", timeZone: "UTC" };
    const created = await request(base, bearer(user, jsonBody({ ...repeating, reminders: [{ before: "PT5M" }] })));
    await expectConforms("/api/{userId}/tasks", "post", created.clone());
    const { id } = (await created.json()) as Task;
    await request(`${base}/${id}/complete`, bearer(user, { method: "PATCH" }));
    await expectConforms(
      "/api/{userId}/tasks/{id}/completions",
      "get",
      await request(`${base}/${id}/completions`, bearer(user)),
    );
    await expectConforms(
      "/api/{userId}/tasks/{id}/completions/latest",
      "delete",
      await request(`${base}/${id}/completions/latest`, bearer(user, { method: "DELETE" })),
    );
  });

  // Covers 001 FR-017.
  it("for problem responses", async () => {
    const base = `/api/${user.id}/tasks`;
    await expectConforms("/api/{userId}/tasks", "get", await request(base));
    await expectConforms("/api/{userId}/tasks", "post", await request(base, bearer(user, jsonBody({ title: "" }))));
    await expectConforms(
      "/api/{userId}/tasks/{id}",
      "get",
      await request(`${base}/${crypto.randomUUID()}`, bearer(user)),
    );
    await expectConforms("/api/{userId}/tasks", "get", await request(`/api/someone-else/tasks`, bearer(user)));
    await expectConforms(
      "/api/{userId}/tasks/bulk",
      "post",
      await request(`${base}/bulk`, bearer(user, jsonBody({ action: "restore", deletionId: crypto.randomUUID() }))),
    );
    await expectConforms(
      "/api/{userId}/tasks/bulk",
      "post",
      await request(`${base}/bulk`, bearer(user, jsonBody({ action: "nope" }))),
    );
    await expectConforms(
      "/api/{userId}/tasks/{id}/restore",
      "post",
      await request(`${base}/${crypto.randomUUID()}/restore`, bearer(user, { method: "POST" })),
    );
  });
});

describe("the request schemas in the OpenAPI document", () => {
  // Covers 001 FR-002.
  it("accept the bodies the API accepts", async () => {
    const doc = (await (await request("/openapi.json")).json()) as OpenApiDocument;
    const schemaOf = (name: string) =>
      new Validator({ $ref: `#/components/schemas/${name}`, components: doc.components } as object, "2020-12", false);
    expect(schemaOf("CreateTask").validate({ title: "x", tags: ["a"] }).errors).toEqual([]);
    expect(schemaOf("ReplaceTask").validate({ title: "x", completed: true }).errors).toEqual([]);
    expect(schemaOf("ReplaceTask").validate({ title: "x", owner: "y" }).valid).toBe(false);
    expect(schemaOf("CompleteTask").validate({ completed: false }).errors).toEqual([]);
    expect(
      schemaOf("BulkAction").validate({ action: "complete", filter: { status: "pending", q: "milk" } }).valid,
    ).toBe(true);
    expect(schemaOf("BulkAction").validate({ action: "restore", deletionId: crypto.randomUUID() }).valid).toBe(true);
    expect(schemaOf("BulkAction").validate({ action: "complete", owner: "y" }).valid).toBe(false);
    expect(schemaOf("BulkAction").validate({ action: "explode" }).valid).toBe(false);
  });
});
