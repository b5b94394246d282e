/**
 * The served document is generated ahead of time (scripts/generate-openapi.ts):
 * it must be exactly what the routes' zod schemas produce today.
 */
import { describe, expect, it } from "vitest";
import { request } from "../../test/harness.ts";
import { OPENAPI_JSON } from "./document.generated.ts";
import { openApiJson } from "./document.ts";

describe("/openapi.json", () => {
  it("is the document the routes' schemas generate (run `npm run openapi` after changing them)", () => {
    expect(OPENAPI_JSON).toBe(openApiJson());
  });

  it("is served as JSON, with an operationId on every operation", async () => {
    const response = await request("/openapi.json");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const document = (await response.json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operationIds = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    );
    expect(operationIds).toEqual([
      "listTasks",
      "createTask",
      "getTask",
      "replaceTask",
      "deleteTask",
      "completeTask",
      "restoreTask",
      "listTaskCompletions",
      "undoTaskCompletion",
      "bulkTasks",
      "listChanges",
      "getHealth",
    ]);
  });
});
