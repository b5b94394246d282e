/** The change feed's request and response shapes (zod, OpenAPI). */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { count, Task } from "../tasks/schemas.ts";

/** Changes are kept at least this long (the purge in db/migrations/0005_task_changes.sql uses the same figure). */
export const CHANGE_RETENTION_DAYS = 7;
/** At most this many changes per answer; the client asks again from the answer's cursor. */
export const FEED_PAGE = 500;

/** Cursors are sequence numbers as text; bounded well inside Number.MAX_SAFE_INTEGER. */
const cursor = lazy(() =>
  z
    .string()
    .check(
      z.maxLength(15),
      z.regex(/^(0|[1-9][0-9]{0,14})$/, "Must be a cursor this API returned"),
      z.meta({ description: "Opaque: pass back what the API returned", example: "42" }),
    ),
);

export const ChangesQuery = lazy(() => z.strictObject({ since: z.optional(cursor()) }));

export const TaskEvent = lazy(() =>
  z
    .object({
      type: z.enum(["task.created", "task.updated", "task.deleted"]),
      id: z.uuid().check(z.meta({ maxLength: 36 })),
      version: count("The task's version after the change"),
      task: z.optional(Task()).check(z.meta({ description: "The task after the change; absent on a deletion" })),
      cursor: cursor(),
    })
    .check(z.meta({ id: "TaskEvent" })),
);

export const ChangeFeed = lazy(() =>
  z
    .object({
      items: z.array(TaskEvent()).check(z.maxLength(FEED_PAGE)),
      cursor: cursor(),
    })
    .check(z.meta({ id: "ChangeFeed" })),
);
