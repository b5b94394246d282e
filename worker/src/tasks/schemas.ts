/**
 * The tasks API's request and response shapes. These zod schemas validate
 * requests at the edge, generate /openapi.json and type the site's client.
 */
import { z } from "@hono/zod-openapi";
import { taskPriorities } from "../../../db/schema/tasks.ts";
import { instant, isWellFormed } from "./bounds.ts";

export const MAX_TAGS = 10;

export const TaskParams = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "userId", in: "path" }, example: "8fJq2c1rP0cXyZ" }),
});

export const TaskIdParams = TaskParams.extend({
  id: z.uuid("Must be a task id (UUID)").openapi({
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
  .openapi({ example: "Water the plants" });
const description = text().max(1000, "Description must be at most 1000 characters").nullable();
const priority = z.enum(taskPriorities);
/** Tags are trimmed, lower-cased and NFC-normalised, then de-duplicated. */
const tag = text()
  .transform((t) => t.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
  .pipe(z.string().min(1, "Tags must not be empty").max(32, "Tags must be at most 32 characters"));
const tags = z
  .array(tag)
  .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
  .transform((list) => [...new Set(list)])
  .openapi({ example: ["home", "garden"] });
const dueAt = instant("Must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z")
  .nullable()
  .openapi({ example: "2026-12-01T09:00:00+01:00" });

/** The fields a client edits, shared by create and replace. */
const editableFields = {
  title,
  description: description.default(null),
  priority: priority.default("none"),
  tags: tags.default([]),
  dueAt: dueAt.default(null),
};

export const CreateTaskBody = z.strictObject(editableFields).openapi("CreateTask");

/**
 * PUT replaces every editable field; omitted optional fields return to their
 * defaults. (Declared flat, not with .extend(): the generated document would
 * otherwise be an allOf of two closed objects, which no body satisfies.)
 */
export const ReplaceTaskBody = z
  .strictObject({ ...editableFields, completed: z.boolean().default(false) })
  .openapi("ReplaceTask");

export const CompleteTaskBody = z
  .strictObject({ completed: z.boolean() })
  .openapi("CompleteTask", { description: "Omit the body to toggle." });

export const Task = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    completed: z.boolean(),
    completedAt: z.iso.datetime({ offset: true }).nullable(),
    priority,
    tags: z.array(z.string()),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.int().openapi({ description: "Increments on every change; the ETag carries it." }),
  })
  .openapi("Task");

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

export const ListQuery = z.strictObject({
  status: z.enum(["all", "pending", "completed"]).default("all"),
  priority: priority.optional(),
  tag: tag.optional(),
  q: text()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Case-insensitive search in title and description" }),
  due: z.enum(dueFilters).optional(),
  dueBefore: instant("Must be an ISO 8601 date-time with an offset").optional(),
  dueAfter: instant("Must be an ISO 8601 date-time with an offset").optional(),
  tz: z
    .string()
    .refine(isTimeZone, "Must be an IANA time zone, e.g. Europe/Paris")
    .default("UTC")
    .openapi({ description: "Time zone for due=today|week" }),
  sort: z.enum(taskSorts).default("created"),
  order: z
    .enum(["asc", "desc"])
    .optional()
    .openapi({ description: "Default: desc for created/updated/priority, asc otherwise" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional().openapi({ description: "Opaque; from nextCursor" }),
});

export const TaskCounts = z.object({ all: z.int(), pending: z.int(), completed: z.int() }).openapi("TaskCounts");

export const TaskList = z
  .object({
    items: z.array(Task),
    nextCursor: z.string().nullable(),
    counts: TaskCounts.optional().openapi({
      description: "On the first page only: counts for the current filters, all statuses",
    }),
  })
  .openapi("TaskList");

export type TaskDto = z.infer<typeof Task>;
export type CreateTaskInput = z.output<typeof CreateTaskBody>;
export type ReplaceTaskInput = z.output<typeof ReplaceTaskBody>;
export type ListTasksQuery = z.output<typeof ListQuery>;
export type TaskCountsDto = z.infer<typeof TaskCounts>;
