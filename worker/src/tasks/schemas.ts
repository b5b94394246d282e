/**
 * The tasks API's request and response shapes. These zod schemas validate
 * requests at the edge, generate /openapi.json and type the site's client.
 */
import * as z from "zod";
import { repeatFroms, taskPriorities } from "../../../db/schema/tasks.ts";
import { MAX_REMINDERS } from "../recurrence/duration.ts";
import { MAX_RULE_LENGTH } from "../recurrence/rule.ts";
import { checkRecurrence, recurrenceFields } from "../recurrence/schemas.ts";
import { MAX_TIME_ZONE_LENGTH } from "../recurrence/time-zone.ts";
import { instant, isWellFormed } from "./bounds.ts";
import { CURSOR_OF_ANOTHER_SORT, CURSOR_PATTERN, cursorParam } from "./cursor.ts";

export const MAX_TAGS = 10;

export const TaskParams = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    .meta({ param: { name: "userId", in: "path" }, example: "8fJq2c1rP0cXyZ" }),
});

export const TaskIdParams = TaskParams.extend({
  id: z.uuid("Must be a task id (UUID)").meta({
    maxLength: 36,
    param: { name: "id", in: "path" },
    example: "0b0f8a4e-5c39-4d6c-9a51-2a7f4c1b9e11",
  }),
});

/** Postgres text cannot hold U+0000 or a lone surrogate; refuse them here rather than fail in the database. */
const text = () =>
  z
    .string()
    .refine((value) => !value.includes("\u0000"), "Must not contain the NUL character")
    .refine(isWellFormed, "Must be well-formed Unicode (no lone surrogates)");

const title = text()
  .trim()
  .min(1, "Title must not be empty")
  .max(200, "Title must be at most 200 characters")
  .meta({ example: "Water the plants" });
const description = text().max(1000, "Description must be at most 1000 characters").nullable();
const priority = z.enum(taskPriorities);
/** Tags are trimmed, lower-cased and NFC-normalised, then de-duplicated. */
const tag = text()
  .max(200, "Tags must be at most 32 characters")
  .transform((t) => t.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
  .pipe(z.string().min(1, "Tags must not be empty").max(32, "Tags must be at most 32 characters"));
const tags = z
  .array(tag)
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
  .transform((list) => [...new Set(list)])
  .meta({ example: ["home", "garden"] });
const dueAt = instant("Must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z")
  .nullable()
  .meta({ example: "2026-12-01T09:00:00+01:00" });

/** The fields a client edits, shared by create and replace; issue 15's repeat and reminders among them (spec 004). */
const editableFields = {
  title,
  description: description.default(null),
  priority: priority.default("none"),
  tags: tags.default([]),
  dueAt: dueAt.default(null),
  ...recurrenceFields,
};

// checkRecurrence: a repeating task needs dueAt and timeZone, reminders need dueAt (422s at those fields).
export const CreateTaskBody = z.strictObject(editableFields).superRefine(checkRecurrence).meta({ id: "CreateTask" });

/**
 * PUT replaces every editable field; omitted optional fields return to their
 * defaults. (Declared flat, not with .extend(): the generated document would
 * otherwise be an allOf of two closed objects, which no body satisfies.)
 */
export const ReplaceTaskBody = z
  .strictObject({ ...editableFields, completed: z.boolean().default(false) })
  .superRefine(checkRecurrence)
  .meta({ id: "ReplaceTask" });

export const CompleteTaskBody = z
  .strictObject({ completed: z.boolean() })
  .meta({ id: "CompleteTask", description: "Omit the body to toggle." });

/** A count or version: a non-negative 32-bit integer, as the document declares it. */
export const count = (description?: string) =>
  z
    .int()
    .min(0)
    .max(2_147_483_647)
    .meta({ format: "int32", ...(description ? { description } : {}) });

/** An instant as the API writes it (toISOString): 24 characters. */
const instantOut = () => z.iso.datetime({ offset: true }).meta({ maxLength: 30 });

export const Task = z
  .object({
    id: z.uuid().meta({ maxLength: 36 }),
    title: z.string().max(200),
    description: z.string().max(1000).nullable(),
    completed: z.boolean(),
    completedAt: instantOut().nullable(),
    priority,
    tags: z.array(z.string().max(32)).max(MAX_TAGS),
    dueAt: instantOut().nullable(),
    repeat: z.string().max(MAX_RULE_LENGTH).nullable().meta({ description: "An RFC 5545 RRULE value, or null" }),
    timeZone: z.string().max(MAX_TIME_ZONE_LENGTH).nullable().meta({ description: "An IANA time zone, or null" }),
    repeatFrom: z.enum(repeatFroms),
    reminders: z.array(z.object({ before: z.string().max(32) })).max(MAX_REMINDERS),
    createdAt: instantOut(),
    updatedAt: instantOut(),
    version: count("Increments on every change; the ETag carries it."),
  })
  .meta({ id: "Task" });

export const taskSorts = ["created", "updated", "title", "due", "priority"] as const;
export const dueFilters = ["overdue", "today", "week", "none"] as const;

/** IANA names only: Postgres reads "+01:00" as POSIX, west of UTC, the opposite of ISO. */
const isTimeZone = (zone: string) => {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || /^(UTC|GMT)?[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The list's query parameters; the bulk filter picks from these. */
export const ListFields = z.strictObject({
  status: z.enum(["all", "pending", "completed"]).default("all"),
  priority: priority.optional(),
  tag: tag.optional(),
  q: text().trim().min(1).max(200).optional().meta({ description: "Case-insensitive search in title and description" }),
  due: z.enum(dueFilters).optional(),
  dueBefore: instant("Must be an ISO 8601 date-time with an offset").optional(),
  dueAfter: instant("Must be an ISO 8601 date-time with an offset").optional(),
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, "Must be an IANA time zone, e.g. Europe/Paris")
    .meta({ pattern: "^[A-Za-z][A-Za-z0-9_+/-]*$" })
    .default("UTC")
    .meta({ description: "Time zone for due=today|week" }),
  sort: z.enum(taskSorts).default("created"),
  order: z
    .enum(["asc", "desc"])
    .optional()
    .meta({ description: "Default: desc for created/updated/priority, asc otherwise" }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ format: "int32" }),
  cursor: cursorParam.optional(),
});

/** Each sort's order when the query names none. */
export const defaultOrders = {
  created: "desc",
  updated: "desc",
  title: "asc",
  due: "asc",
  priority: "desc",
} as const satisfies Record<(typeof taskSorts)[number], "asc" | "desc">;

/** A cursor answers only the sort and order it was made for. */
export const ListQuery = ListFields.superRefine((query, ctx) => {
  const order = query.order ?? defaultOrders[query.sort];
  if (query.cursor && (query.cursor.sort !== query.sort || query.cursor.order !== order)) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: CURSOR_OF_ANOTHER_SORT });
  }
});

export const TaskCounts = z
  .object({ all: count(), pending: count(), completed: count() })
  .meta({ id: "TaskCounts", description: "How many tasks match the filters, by status" });

export const TaskList = z
  .object({
    items: z.array(Task).max(200),
    nextCursor: z.string().max(512).meta({ pattern: CURSOR_PATTERN }).nullable(),
    counts: TaskCounts.optional(),
  })
  .meta({
    id: "TaskList",
    description: "A page of tasks. counts is on the first page only: the current filters' counts, by status.",
  });

export type TaskDto = z.infer<typeof Task>;
export type CreateTaskInput = z.output<typeof CreateTaskBody>;
export type ReplaceTaskInput = z.output<typeof ReplaceTaskBody>;
export type ListTasksQuery = z.output<typeof ListQuery>;
export type TaskCountsDto = z.infer<typeof TaskCounts>;
