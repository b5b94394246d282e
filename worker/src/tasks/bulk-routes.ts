/** OpenAPI route definitions for restoring a task and for bulk actions; handlers live in ./index.ts. */
import { defineRoute } from "../openapi/router.ts";
import { problemResponses } from "../problems/openapi.ts";
import { RESTORE_WINDOW_MINUTES } from "./bounds.ts";
import { BulkBody, BulkResult } from "./bulk-schemas.ts";
import {
  everyRouteProblems,
  idempotencyKeyHeader,
  ifMatch,
  rateLimitPolicy,
  security,
  tags,
  taskResponse,
} from "./routes.ts";
import { TaskIdParams, TaskParams } from "./schemas.ts";

export const restoreTaskRoute = defineRoute({
  operationId: "restoreTask",
  method: "post",
  path: "/api/{userId}/tasks/{id}/restore",
  summary: "Undo a deletion: the task comes back with its id, fields and version",
  description: `Valid for ${RESTORE_WINDOW_MINUTES} minutes after the DELETE; later it answers 410, or 404 once purged. Restoring a task that is not deleted changes nothing.`,
  tags,
  security,
  request: () => ({ params: TaskIdParams(), headers: ifMatch() }),
  responses: () => ({
    200: taskResponse("The restored task"),
    ...problemResponses(404, 410, 412, 413, ...everyRouteProblems),
  }),
});

export const bulkTasksRoute = defineRoute({
  operationId: "bulkTasks",
  method: "post",
  path: "/api/{userId}/tasks/bulk",
  summary: "Complete, reopen or delete the completed tasks a filter selects, or restore a bulk delete",
  description:
    "Acts on every task the filter selects, not a page of them, in one transaction. A bulk delete answers a deletionId; send {action: restore, deletionId} within the restore window to undo it. Send an Idempotency-Key to make retries safe.",
  tags,
  security,
  request: () => ({
    params: TaskParams(),
    headers: idempotencyKeyHeader(),
    body: { required: true, content: { "application/json": { schema: BulkBody() } } },
  }),
  responses: () => ({
    200: {
      description: "How many tasks changed, and the counts afterwards",
      headers: {
        "Idempotent-Replayed": {
          schema: { type: "string", enum: ["true"] },
          description: "true when this replays the first answer",
        },
        ...rateLimitPolicy,
      },
      content: { "application/json": { schema: BulkResult() } },
    },
    ...problemResponses(400, 404, 409, 410, 413, 415, ...everyRouteProblems),
  }),
});
