/** The change feed's request and response shapes (zod, OpenAPI). */
import * as z from "zod";
import { lazy } from "../openapi/lazy.ts";
import { count, Task } from "../tasks/schemas.ts";
import { FEED_PAGE } from "./feed-queries.ts";

/** Cursors are sequence numbers as text; bounded well inside Number.MAX_SAFE_INTEGER. */
const cursor = z
  .string()
  .max(15)
  .regex(/^(0|[1-9][0-9]{0,14})$/, "Must be a cursor this API returned")
  .meta({ description: "Opaque: pass back what the API returned", example: "42" });

export const ChangesQuery = z.strictObject({ since: cursor.optional() });

export const TaskEvent = lazy(() =>
  z
    .object({
      type: z.enum(["task.created", "task.updated", "task.deleted"]),
      id: z.uuid().meta({ maxLength: 36 }),
      version: count("The task's version after the change"),
      task: Task().optional().meta({ description: "The task after the change; absent on a deletion" }),
      cursor,
    })
    .meta({ id: "TaskEvent" }),
);

export const ChangeFeed = lazy(() =>
  z
    .object({
      items: z.array(TaskEvent()).max(FEED_PAGE),
      cursor,
    })
    .meta({ id: "ChangeFeed" }),
);
