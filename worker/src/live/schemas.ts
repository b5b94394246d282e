/** The change feed's request and response shapes (zod, OpenAPI). */
import { z } from "@hono/zod-openapi";
import { Task } from "../tasks/schemas.ts";

/** Cursors are sequence numbers as text; bounded well inside Number.MAX_SAFE_INTEGER. */
const cursor = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, "Must be a cursor this API returned")
  .openapi({ description: "Opaque: pass back what the API returned", example: "42" });

export const ChangesQuery = z.strictObject({ since: cursor.optional() });

export const TaskEvent = z
  .object({
    type: z.enum(["task.created", "task.updated", "task.deleted"]),
    id: z.uuid(),
    version: z.int(),
    task: Task.optional().openapi({ description: "The task after the change; absent on a deletion" }),
    cursor,
  })
  .openapi("TaskEvent");

export const ChangeFeed = z
  .object({
    items: z.array(TaskEvent),
    cursor,
  })
  .openapi("ChangeFeed");
