/** OpenAPI route definitions for tasks; handlers live in ./index.ts. */
import { createRoute, z } from "@hono/zod-openapi";
import { problemResponses } from "../problems/openapi.ts";
import { CreateTaskBody, Task, TaskIdParams, TaskList, TaskParams } from "./schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Tasks"];

export const ListQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: "limit", in: "query" } }),
});

export const listTasksRoute = createRoute({
  method: "get",
  path: "/api/{userId}/tasks",
  summary: "List the caller's tasks, newest first",
  tags,
  security,
  request: { params: TaskParams, query: ListQuery },
  responses: {
    200: { description: "A page of tasks", content: { "application/json": { schema: TaskList } } },
    ...problemResponses(401, 403, 422, 503),
  },
});

export const createTaskRoute = createRoute({
  method: "post",
  path: "/api/{userId}/tasks",
  summary: "Create a task",
  tags,
  security,
  request: {
    params: TaskParams,
    body: { required: true, content: { "application/json": { schema: CreateTaskBody } } },
  },
  responses: {
    201: {
      description: "The created task",
      headers: { Location: { schema: { type: "string" }, description: "The new task's URL" } },
      content: { "application/json": { schema: Task } },
    },
    ...problemResponses(400, 401, 403, 413, 415, 422, 503),
  },
});

export const getTaskRoute = createRoute({
  method: "get",
  path: "/api/{userId}/tasks/{id}",
  summary: "Get one task",
  tags,
  security,
  request: { params: TaskIdParams },
  responses: {
    200: { description: "The task", content: { "application/json": { schema: Task } } },
    ...problemResponses(401, 403, 404, 422, 503),
  },
});
