/**
 * Bodies and answers of POST /api/{userId}/tasks/bulk: one action over every
 * task a filter selects (not just a loaded page), and the restore of a bulk
 * deletion. Kept apart from schemas.ts, whose list filters it reuses.
 */
import { z } from "@hono/zod-openapi";
import { ListQuery, TaskCounts } from "./schemas.ts";

export const bulkActions = ["complete", "reopen", "delete-completed", "restore"] as const;

/** The list's filters, with the list's rules; an empty filter selects every task. */
export const BulkFilter = ListQuery.pick({
  status: true,
  priority: true,
  tag: true,
  q: true,
  due: true,
  dueBefore: true,
  dueAfter: true,
  tz: true,
}).openapi("BulkFilter");

const FilteredAction = z
  .strictObject({
    action: z.enum(["complete", "reopen", "delete-completed"]),
    filter: BulkFilter.optional(),
  })
  .openapi("FilteredBulkAction", { description: "Complete, reopen or delete the completed tasks a filter selects." });

const RestoreAction = z
  .strictObject({
    action: z.literal("restore"),
    deletionId: z.uuid("Must be a deletionId from a bulk delete"),
  })
  .openapi("RestoreBulkAction", { description: "Undo a bulk delete, within the restore window." });

export const BulkBody = z
  .discriminatedUnion("action", [FilteredAction, RestoreAction], {
    error: `Must be one of ${bulkActions.join(", ")}`,
  })
  .openapi("BulkAction");

export const BulkResult = z
  .object({
    action: z.enum(bulkActions),
    count: z.int().openapi({ description: "How many tasks the action changed" }),
    deletionId: z.uuid().nullable().openapi({ description: "For delete-completed: restore the batch with it" }),
    counts: TaskCounts.openapi({ description: "After the action, over the filter without its status" }),
  })
  .openapi("BulkResult");

export type BulkInput = z.output<typeof BulkBody>;
export type BulkFilterInput = z.output<typeof BulkFilter>;
export type BulkResultDto = z.infer<typeof BulkResult>;
