/** OpenAPI route definitions for tasks; handlers live in ./index.ts. */
import { createRoute, z } from "@hono/zod-openapi";
import { problemResponses } from "../problems/openapi.ts";
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

const security = [{ bearerAuth: [] }];
const tags = ["Tasks"];

export const etag = { ETag: { schema: { type: "string" as const }, description: "The task's version, for If-Match" } };
export const taskResponse = (description: string) => ({
  description,
  headers: etag,
  content: { "application/json": { schema: Task } },
});
export const ifMatch = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ param: { name: "if-match", in: "header" }, description: "Apply only if the task's ETag matches" }),
});

/** Optional on POST /tasks and POST /tasks/bulk: the same key and body replay the first answer. */
export const idempotencyKeyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, "Must be 1-255 visible ASCII characters")
    .optional()
    .openapi({ param: { name: "idempotency-key", in: "header" } }),
});

export const listTasksRoute = createRoute({
  method: "get",
  path: "/api/{userId}/tasks",
  summary: "List the caller's tasks: filter, sort, page",
  tags,
  security,
  request: { params: TaskParams, query: ListQuery },
  responses: {
    200: {
      description: "A page of tasks; counts on the first page",
      headers: { Link: { schema: { type: "string" }, description: '<…>; rel="next" when there is a next page' } },
      content: { "application/json": { schema: TaskList } },
    },
    ...problemResponses(401, 403, 422, 429, 503),
  },
});

export const createTaskRoute = createRoute({
  method: "post",
  path: "/api/{userId}/tasks",
  summary: "Create a task",
  description:
    "Send an Idempotency-Key to make retries safe: the same key and body replay the first response for 24 hours.",
  tags,
  security,
  request: {
    params: TaskParams,
    headers: idempotencyKeyHeader,
    body: { required: true, content: { "application/json": { schema: CreateTaskBody } } },
  },
  responses: {
    201: {
      description: "The created task (or, for a repeated Idempotency-Key, the first response again)",
      headers: {
        ...etag,
        Location: { schema: { type: "string" }, description: "The new task's URL" },
      },
      content: { "application/json": { schema: Task } },
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
  },
});

export const getTaskRoute = createRoute({
  method: "get",
  path: "/api/{userId}/tasks/{id}",
  summary: "Get one task",
  tags,
  security,
  request: { params: TaskIdParams },
  responses: { 200: taskResponse("The task"), ...problemResponses(401, 403, 404, 422, 429, 503) },
});

export const replaceTaskRoute = createRoute({
  method: "put",
  path: "/api/{userId}/tasks/{id}",
  summary: "Replace a task's editable fields",
  tags,
  security,
  request: {
    params: TaskIdParams,
    headers: ifMatch,
    body: { required: true, content: { "application/json": { schema: ReplaceTaskBody } } },
  },
  responses: {
    200: taskResponse("The updated task"),
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 429, 503),
  },
});

export const deleteTaskRoute = createRoute({
  method: "delete",
  path: "/api/{userId}/tasks/{id}",
  summary: "Delete a task",
  tags,
  security,
  request: { params: TaskIdParams, headers: ifMatch },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 412, 422, 429, 503) },
});

export const completeTaskRoute = createRoute({
  method: "patch",
  path: "/api/{userId}/tasks/{id}/complete",
  summary: "Toggle completion, or set it with a body",
  tags,
  security,
  request: {
    params: TaskIdParams,
    headers: ifMatch,
    body: { required: false, content: { "application/json": { schema: CompleteTaskBody } } },
  },
  responses: {
    200: taskResponse("The task after the change"),
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 429, 503),
  },
});
