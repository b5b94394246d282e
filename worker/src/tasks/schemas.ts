/**
 * The tasks API's request and response shapes. These zod schemas validate
 * requests at the edge, generate /openapi.json and type the site's client.
 *
 * Writing a schema (issue 14: loading the Worker builds no zod schema at all):
 * - Every schema is `lazy(() => z.object(…))` (openapi/lazy.ts), built on its first call and
 *   kept: a request schema (params, query, headers, body) by its route's first request, a
 *   response-only one only by the document generator. Call it (`TaskParams()`) inside another
 *   lazy builder, a route's `request: () => ({…})` or `responses: () => ({…})`, or a function
 *   that runs per request; never at module level. Its inner pieces (`title`, `tag`, …) are lazy
 *   too, so a piece two schemas share stays one instance, as the document expects.
 * - Its type is `z.output<ReturnType<typeof CreateTaskBody>>` (or `z.infer`), which constructs nothing.
 * - A `{ id }` may be registered once only: build a named schema in exactly one lazy builder.
 * openapi/startup.test.ts fails when anything is built at load.
 */
import * as z from "zod/mini";
import { repeatFroms, taskPriorities } from "../../../db/schema/values.ts";
import { lazy } from "../openapi/lazy.ts";
import { MAX_REMINDERS } from "../recurrence/duration.ts";
import { MAX_RULE_LENGTH } from "../recurrence/rule.ts";
import { checkRecurrence, recurrenceFields } from "../recurrence/schemas.ts";
// isTimeZone: IANA names only, since Postgres reads "+01:00" as POSIX, west of UTC, the opposite of ISO.
import { isTimeZone, MAX_TIME_ZONE_LENGTH } from "../recurrence/time-zone.ts";
import { instant, isWellFormed } from "./bounds.ts";
import { CURSOR_OF_ANOTHER_SORT, CURSOR_PATTERN, cursorParam } from "./cursor.ts";

export const MAX_TAGS = 10;

export const TaskParams = lazy(() =>
  z.object({
    userId: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(128),
        z.meta({ param: { name: "userId", in: "path" }, example: "8fJq2c1rP0cXyZ" }),
      ),
  }),
);

/** A path with the user's id and the UUID of one of their things: `{userId}/…/{id}`. */
export const userThingParams = (message: string, example: string) =>
  z.extend(TaskParams(), {
    id: z.uuid(message).check(z.meta({ maxLength: 36, param: { name: "id", in: "path" }, example })),
  });

export const TaskIdParams = lazy(() =>
  userThingParams("Must be a task id (UUID)", "0b0f8a4e-5c39-4d6c-9a51-2a7f4c1b9e11"),
);

/** Postgres text cannot hold U+0000 or a lone surrogate; refuse them here rather than fail in the database. */
const text = () =>
  z.string().check(
    z.refine((value) => !value.includes("\u0000"), "Must not contain the NUL character"),
    z.refine(isWellFormed, "Must be well-formed Unicode (no lone surrogates)"),
  );

const title = lazy(() =>
  text().check(
    z.trim(),
    z.minLength(1, "Title must not be empty"),
    z.maxLength(200, "Title must be at most 200 characters"),
    z.meta({ example: "Water the plants" }),
  ),
);
const description = lazy(() =>
  z.nullable(text().check(z.maxLength(1000, "Description must be at most 1000 characters"))),
);
const priority = lazy(() => z.enum(taskPriorities));
/** Tags are trimmed, lower-cased and NFC-normalised, then de-duplicated. */
const tag = lazy(() =>
  z.pipe(
    z.pipe(
      text().check(z.maxLength(200, "Tags must be at most 32 characters")),
      z.transform((t: string) => t.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase()),
    ),
    z.string().check(z.minLength(1, "Tags must not be empty"), z.maxLength(32, "Tags must be at most 32 characters")),
  ),
);
const tags = lazy(() =>
  z
    .pipe(
      z.array(tag()).check(z.maxLength(MAX_TAGS, `At most ${MAX_TAGS} tags`)),
      z.transform((list: string[]) => [...new Set(list)]),
    )
    .check(z.meta({ example: ["home", "garden"] })),
);
const dueAt = lazy(() =>
  z
    .nullable(instant("Must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z"))
    .check(z.meta({ example: "2026-12-01T09:00:00+01:00" })),
);

/** The fields a client edits, shared by create and replace; issue 15's repeat and reminders among them (spec 004). */
const editableFields = lazy(() => ({
  title: title(),
  description: z._default(description(), null),
  priority: z._default(priority(), "none"),
  tags: z._default(tags(), []),
  dueAt: z._default(dueAt(), null),
  ...recurrenceFields(),
}));

// checkRecurrence: a repeating task needs dueAt and timeZone, reminders need dueAt (422s at those fields).
export const CreateTaskBody = lazy(() =>
  z.strictObject(editableFields()).check(z.superRefine(checkRecurrence), z.meta({ id: "CreateTask" })),
);

/**
 * PUT replaces every editable field; omitted optional fields return to their
 * defaults. (Declared flat, not with z.extend(): the generated document would
 * otherwise be an allOf of two closed objects, which no body satisfies.)
 */
export const ReplaceTaskBody = lazy(() =>
  z
    .strictObject({ ...editableFields(), completed: z._default(z.boolean(), false) })
    .check(z.superRefine(checkRecurrence), z.meta({ id: "ReplaceTask" })),
);

export const CompleteTaskBody = lazy(() =>
  z
    .strictObject({ completed: z.boolean() })
    .check(z.meta({ id: "CompleteTask", description: "Omit the body to toggle." })),
);

/** A count or version: a non-negative 32-bit integer, as the document declares it. */
export const count = (description?: string) =>
  z.int().check(z.gte(0), z.lte(2_147_483_647), z.meta({ format: "int32", ...(description ? { description } : {}) }));

/** An instant as the API writes it (toISOString): 24 characters. */
const instantOut = () => z.iso.datetime({ offset: true }).check(z.meta({ maxLength: 30 }));

export const Task = lazy(() =>
  z
    .object({
      id: z.uuid().check(z.meta({ maxLength: 36 })),
      title: z.string().check(z.maxLength(200)),
      description: z.nullable(z.string().check(z.maxLength(1000))),
      completed: z.boolean(),
      completedAt: z.nullable(instantOut()),
      priority: priority(),
      tags: z.array(z.string().check(z.maxLength(32))).check(z.maxLength(MAX_TAGS)),
      dueAt: z.nullable(instantOut()),
      repeat: z
        .nullable(z.string().check(z.maxLength(MAX_RULE_LENGTH)))
        .check(z.meta({ description: "An RFC 5545 RRULE value, or null" })),
      timeZone: z
        .nullable(z.string().check(z.maxLength(MAX_TIME_ZONE_LENGTH)))
        .check(z.meta({ description: "An IANA time zone, or null" })),
      repeatFrom: z.enum(repeatFroms),
      reminders: z.array(z.object({ before: z.string().check(z.maxLength(32)) })).check(z.maxLength(MAX_REMINDERS)),
      createdAt: instantOut(),
      updatedAt: instantOut(),
      version: count("Increments on every change; the ETag carries it."),
    })
    .check(z.meta({ id: "Task" })),
);

export const taskSorts = ["created", "updated", "title", "due", "priority"] as const;
export const dueFilters = ["overdue", "today", "week", "none"] as const;

/** The list's query parameters; the bulk filter picks from these. */
export const ListFields = lazy(() =>
  z.strictObject({
    status: z._default(z.enum(["all", "pending", "completed"]), "all"),
    priority: z.optional(priority()),
    tag: z.optional(tag()),
    q: z
      .optional(text().check(z.trim(), z.minLength(1), z.maxLength(200)))
      .check(z.meta({ description: "Case-insensitive search in title and description" })),
    due: z.optional(z.enum(dueFilters)),
    dueBefore: z.optional(instant("Must be an ISO 8601 date-time with an offset")),
    dueAfter: z.optional(instant("Must be an ISO 8601 date-time with an offset")),
    tz: z
      ._default(
        z
          .string()
          .check(
            z.maxLength(64),
            z.refine(isTimeZone, "Must be an IANA time zone, e.g. Europe/Paris"),
            z.meta({ pattern: "^[A-Za-z][A-Za-z0-9_+/-]*$" }),
          ),
        "UTC",
      )
      .check(z.meta({ description: "Time zone for due=today|week" })),
    sort: z._default(z.enum(taskSorts), "created"),
    order: z
      .optional(z.enum(["asc", "desc"]))
      .check(z.meta({ description: "Default: desc for created/updated/priority, asc otherwise" })),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50).check(z.meta({ format: "int32" })),
    cursor: z.optional(cursorParam()),
  }),
);

/** Each sort's order when the query names none. */
export const defaultOrders = {
  created: "desc",
  updated: "desc",
  title: "asc",
  due: "asc",
  priority: "desc",
} as const satisfies Record<(typeof taskSorts)[number], "asc" | "desc">;

/** A cursor answers only the sort and order it was made for. */
export const ListQuery = lazy(() =>
  ListFields().check(
    z.superRefine((query, ctx) => {
      const order = query.order ?? defaultOrders[query.sort];
      if (query.cursor && (query.cursor.sort !== query.sort || query.cursor.order !== order)) {
        ctx.addIssue({ code: "custom", path: ["cursor"], message: CURSOR_OF_ANOTHER_SORT });
      }
    }),
  ),
);

export const TaskCounts = lazy(() =>
  z
    .object({ all: count(), pending: count(), completed: count() })
    .check(z.meta({ id: "TaskCounts", description: "How many tasks match the filters, by status" })),
);

export const TaskList = lazy(() =>
  z
    .object({
      items: z.array(Task()).check(z.maxLength(200)),
      nextCursor: z.nullable(z.string().check(z.maxLength(512), z.meta({ pattern: CURSOR_PATTERN }))),
      counts: z.optional(TaskCounts()),
    })
    .check(
      z.meta({
        id: "TaskList",
        description: "A page of tasks. counts is on the first page only: the current filters' counts, by status.",
      }),
    ),
);

export type TaskDto = z.infer<ReturnType<typeof Task>>;
export type CreateTaskInput = z.output<ReturnType<typeof CreateTaskBody>>;
export type ReplaceTaskInput = z.output<ReturnType<typeof ReplaceTaskBody>>;
export type ListTasksQuery = z.output<ReturnType<typeof ListQuery>>;
export type TaskCountsDto = z.infer<ReturnType<typeof TaskCounts>>;
