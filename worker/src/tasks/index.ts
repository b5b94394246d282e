/** The tasks router: six routes under /api/{userId}/tasks (see specs/001-tasks-api). */
import { OpenAPIHono } from "@hono/zod-openapi";
import { databaseFor } from "../db/client.ts";
import { type AppEnv, configFor } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { validationHook } from "../problems/validation-hook.ts";
import { createTask, findTask, listTasks, toTaskDto } from "./queries.ts";
import { createTaskRoute, getTaskRoute, listTasksRoute } from "./routes.ts";

export const tasksRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listTasksRoute, async (c) => {
    const { limit } = c.req.valid("query");
    const rows = await listTasks(databaseFor(configFor(c.env)), c.var.userId, limit);
    return c.json({ items: rows.map(toTaskDto), nextCursor: null }, 200);
  })
  .openapi(createTaskRoute, async (c) => {
    const row = await createTask(databaseFor(configFor(c.env)), c.var.userId, c.req.valid("json"));
    c.header("location", `/api/${encodeURIComponent(c.var.userId)}/tasks/${row.id}`);
    return c.json(toTaskDto(row), 201);
  })
  .openapi(getTaskRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await findTask(databaseFor(configFor(c.env)), c.var.userId, id);
    if (!row) throw new ProblemError("TASK_NOT_FOUND", { detail: `No task ${id} in your list.` });
    return c.json(toTaskDto(row), 200);
  });
