/**
 * OpenAPI route definitions for tasks; handlers live in ./index.ts. A route's
 * `request` and `responses` are functions: the router builds the request's
 * schemas at the route's first request, and only the document generator calls
 * `responses`, so the Worker builds no schema at load and never builds
 * response schemas, headers or problem entries (issue 14).
 */
import * as z from "zod/mini";
import { ifMatchHeader } from "../http/preconditions.ts";
import { lazy } from "../openapi/lazy.ts";
import { defineRoute } from "../openapi/router.ts";
import { corsHeader, problemResponses, rateLimitFields } from "../problems/openapi.ts";
import {
  CompleteTaskBody,
  CreateTaskBody,
  ListQuery,
  ReplaceTaskBody,
  Task,
  TaskIdParams,
  TaskList,
  TaskParams,
} from "./schemas.ts";

export const security = [{ bearerAuth: [] }];
export const tags = ["Tasks"];

const text = (maxLength: number, pattern: string) => ({ type: "string" as const, maxLength, pattern });

/** Sent with every success under /api/{userId}/: CORS, and the rate limit's fields. */
export const rateLimitPolicy = { ...corsHeader, ...rateLimitFields };
export const etag = {
  ETag: { schema: text(100, '^"[0-9]+"$'), description: "The task's version, for If-Match" },
  ...rateLimitPolicy,
};
export const taskResponse = (description: string) => ({
  description,
  headers: etag,
  content: { "application/json": { schema: Task() } },
});
export const ifMatch = lazy(() =>
  z.object({
    "if-match": ifMatchHeader().check(
      z.meta({
        param: { name: "if-match", in: "header" },
        description: 'Apply only if the task\'s ETag matches: * or a list of entity tags, e.g. "3"',
      }),
    ),
  }),
);

/** Optional on POST /tasks and POST /tasks/bulk: the same key and body replay the first answer. */
export const idempotencyKeyHeader = lazy(() =>
  z.object({
    "idempotency-key": z
      .optional(
        z
          .string()
          .check(z.minLength(1), z.maxLength(255), z.regex(/^[\x21-\x7e]+$/, "Must be 1-255 visible ASCII characters")),
      )
      .check(
        z.meta({
          param: { name: "idempotency-key", in: "header" },
          description: "Makes a retry safe: the same key and body replay the first answer for 24 hours",
        }),
      ),
  }),
);

/** The problems every route under /api/{userId}/ can answer with, whatever it does. */
export const everyRouteProblems = [401, 403, 422, 429, 500, 503] as const;

export const listTasksRoute = defineRoute({
  operationId: "listTasks",
  method: "get",
  path: "/api/{userId}/tasks",
  summary: "List the caller's tasks: filter, sort, page",
  description:
    "A page of the caller's tasks, newest first unless sort and order say otherwise. The first page also carries the counts for the current filters; follow nextCursor (or the Link header) for the next page.",
  tags,
  security,
  request: () => ({ params: TaskParams(), query: ListQuery() }),
  responses: () => ({
    200: {
      description: "A page of tasks; counts on the first page",
      headers: {
        Link: { schema: text(2048, '^<[^>]+>; rel="next"$'), description: '<…>; rel="next" when there is a next page' },
        ...rateLimitPolicy,
      },
      content: { "application/json": { schema: TaskList() } },
    },
    ...problemResponses(...everyRouteProblems),
  }),
});

export const createTaskRoute = defineRoute({
  operationId: "createTask",
  method: "post",
  path: "/api/{userId}/tasks",
  summary: "Create a task",
  description:
    "Send an Idempotency-Key to make retries safe: the same key and body replay the first response for 24 hours.",
  tags,
  security,
  request: () => ({
    params: TaskParams(),
    headers: idempotencyKeyHeader(),
    body: { required: true, content: { "application/json": { schema: CreateTaskBody() } } },
  }),
  responses: () => ({
    201: {
      description: "The created task (or, for a repeated Idempotency-Key, the first response again)",
      headers: {
        ...etag,
        Location: {
          schema: { type: "string", format: "uri-reference", maxLength: 2048 },
          description: "The new task's URL",
        },
        "Idempotent-Replayed": {
          schema: { type: "string", enum: ["true"] },
          description: "true when this replays the first answer",
        },
      },
      content: { "application/json": { schema: Task() } },
    },
    ...problemResponses(400, 409, 413, 415, ...everyRouteProblems),
  }),
});

export const getTaskRoute = defineRoute({
  operationId: "getTask",
  method: "get",
  path: "/api/{userId}/tasks/{id}",
  summary: "Get one task",
  description: "The task, with its version in the ETag header for a later If-Match.",
  tags,
  security,
  request: () => ({ params: TaskIdParams() }),
  responses: () => ({ 200: taskResponse("The task"), ...problemResponses(404, ...everyRouteProblems) }),
});

export const replaceTaskRoute = defineRoute({
  operationId: "replaceTask",
  method: "put",
  path: "/api/{userId}/tasks/{id}",
  summary: "Replace a task's editable fields",
  description: "Omitted optional fields return to their defaults. Send If-Match to refuse overwriting a newer version.",
  tags,
  security,
  request: () => ({
    params: TaskIdParams(),
    headers: ifMatch(),
    body: { required: true, content: { "application/json": { schema: ReplaceTaskBody() } } },
  }),
  responses: () => ({
    200: taskResponse("The updated task"),
    ...problemResponses(400, 404, 412, 413, 415, ...everyRouteProblems),
  }),
});

export const deleteTaskRoute = defineRoute({
  operationId: "deleteTask",
  method: "delete",
  path: "/api/{userId}/tasks/{id}",
  summary: "Delete a task",
  description: "The task disappears at once and can be restored for a few minutes (restoreTask).",
  tags,
  security,
  request: () => ({ params: TaskIdParams(), headers: ifMatch() }),
  responses: () => ({
    204: { description: "Deleted", headers: rateLimitPolicy },
    ...problemResponses(404, 412, ...everyRouteProblems),
  }),
});

export const completeTaskRoute = defineRoute({
  operationId: "completeTask",
  method: "patch",
  path: "/api/{userId}/tasks/{id}/complete",
  summary: "Toggle completion, or set it with a body",
  description: "Without a body the task's completion flips; with {completed} it is set, which is safe to retry.",
  tags,
  security,
  request: () => ({
    params: TaskIdParams(),
    headers: ifMatch(),
    body: { required: false, content: { "application/json": { schema: CompleteTaskBody() } } },
  }),
  responses: () => ({
    200: taskResponse("The task after the change"),
    ...problemResponses(400, 404, 412, 413, 415, ...everyRouteProblems),
  }),
});
