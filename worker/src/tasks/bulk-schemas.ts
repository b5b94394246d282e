/**
 * Bodies and answers of POST /api/{userId}/tasks/bulk: one action over every
 * task a filter selects (not just a loaded page), and the restore of a bulk
 * deletion. Kept apart from schemas.ts, whose list filters it reuses.
 */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { count, ListFields, TaskCounts } from "./schemas.ts";

export const bulkActions = ["complete", "reopen", "delete-completed", "restore"] as const;

/** The list's filters, with the list's rules; an empty filter selects every task. */
export const BulkFilter = lazy(() =>
  z
    .pick(ListFields(), {
      status: true,
      priority: true,
      tag: true,
      q: true,
      due: true,
      dueBefore: true,
      dueAfter: true,
      tz: true,
    })
    .check(z.meta({ id: "BulkFilter" })),
);

const FilteredAction = lazy(() =>
  z
    .strictObject({
      action: z.enum(["complete", "reopen", "delete-completed"]),
      filter: z.optional(BulkFilter()),
    })
    .check(
      z.meta({
        id: "FilteredBulkAction",
        description: "Complete, reopen or delete the completed tasks a filter selects.",
      }),
    ),
);

const RestoreAction = lazy(() =>
  z
    .strictObject({
      action: z.literal("restore"),
      deletionId: z.uuid("Must be a deletionId from a bulk delete").check(z.meta({ maxLength: 36 })),
    })
    .check(z.meta({ id: "RestoreBulkAction", description: "Undo a bulk delete, within the restore window." })),
);

export const BulkBody = lazy(() =>
  z
    .discriminatedUnion("action", [FilteredAction(), RestoreAction()], {
      error: `Must be one of ${bulkActions.join(", ")}`,
    })
    .check(z.meta({ id: "BulkAction" })),
);

export const BulkResult = lazy(() =>
  z
    .object({
      action: z.enum(bulkActions),
      count: count("How many tasks the action changed"),
      deletionId: z
        .nullable(z.uuid().check(z.meta({ maxLength: 36 })))
        .check(z.meta({ description: "For delete-completed: restore the batch with it" })),
      counts: TaskCounts(),
    })
    .check(
      z.meta({
        id: "BulkResult",
        description: "What a bulk action did; counts are after the action, over the filter without its status.",
      }),
    ),
);

export type BulkInput = z.output<ReturnType<typeof BulkBody>>;
export type BulkFilterInput = z.output<ReturnType<typeof BulkFilter>>;
export type BulkResultDto = z.infer<ReturnType<typeof BulkResult>>;
