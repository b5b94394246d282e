/** OpenAPI route definitions for restoring a task and for bulk actions; handlers live in ./index.ts. */
import { createRoute } from "@hono/zod-openapi";
import { problemResponses } from "../problems/openapi.ts";
import { BulkBody, BulkResult } from "./bulk-schemas.ts";
import { RESTORE_WINDOW_MINUTES } from "./retention.ts";
import { idempotencyKeyHeader, ifMatch, taskResponse } from "./routes.ts";
import { TaskIdParams, TaskParams } from "./schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Tasks"];

export const restoreTaskRoute = createRoute({
  method: "post",
  path: "/api/{userId}/tasks/{id}/restore",
  summary: "Undo a deletion: the task comes back with its id, fields and version",
  description: `Valid for ${RESTORE_WINDOW_MINUTES} minutes after the DELETE; later it answers 410, or 404 once purged. Restoring a task that is not deleted changes nothing.`,
  tags,
  security,
  request: { params: TaskIdParams, headers: ifMatch },
  responses: {
    200: taskResponse("The restored task"),
    ...problemResponses(401, 403, 404, 410, 412, 413, 422, 429, 503),
  },
});

export const bulkTasksRoute = createRoute({
  method: "post",
  path: "/api/{userId}/tasks/bulk",
  summary: "Complete, reopen or delete the completed tasks a filter selects, or restore a bulk delete",
  description:
    "Acts on every task the filter selects, not a page of them, in one transaction. A bulk delete answers a deletionId; send {action: restore, deletionId} within the restore window to undo it. Send an Idempotency-Key to make retries safe.",
  tags,
  security,
  request: {
    params: TaskParams,
    headers: idempotencyKeyHeader,
    body: { required: true, content: { "application/json": { schema: BulkBody } } },
  },
  responses: {
    200: {
      description: "How many tasks changed, and the counts afterwards",
      headers: {
        "Idempotent-Replayed": { schema: { type: "string" }, description: "true when this replays the first answer" },
      },
      content: { "application/json": { schema: BulkResult } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 410, 413, 415, 422, 429, 503),
  },
});
