/**
 * The tasks API's request and response shapes. These zod schemas validate
 * requests at the edge, generate /openapi.json and type the site's client.
 */
import { z } from "@hono/zod-openapi";
import { taskPriorities } from "../../../db/schema/tasks.ts";

export const TaskParams = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "userId", in: "path" }, example: "8fJq2c1rP0cXyZ" }),
});

export const TaskIdParams = TaskParams.extend({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, example: "0b0f8a4e-5c39-4d6c-9a51-2a7f4c1b9e11" }),
});

const title = z.string().trim().min(1, "Title must not be empty").max(200, "Title must be at most 200 characters");
const description = z.string().max(1000, "Description must be at most 1000 characters");

export const CreateTaskBody = z
  .strictObject({
    title,
    description: description.nullable().optional(),
  })
  .openapi("CreateTask");

export const Task = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    completed: z.boolean(),
    completedAt: z.iso.datetime({ offset: true }).nullable(),
    priority: z.enum(taskPriorities),
    tags: z.array(z.string()),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.int(),
  })
  .openapi("Task");

export const TaskList = z
  .object({
    items: z.array(Task),
    nextCursor: z.string().nullable(),
  })
  .openapi("TaskList");

export type TaskDto = z.infer<typeof Task>;
export type CreateTaskInput = z.infer<typeof CreateTaskBody>;
