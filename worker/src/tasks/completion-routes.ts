/**
 * OpenAPI route definitions for a repeating task's completion history and its
 * Undo (spec 004 FR-008, FR-010); handlers live in ./index.ts.
 */
import * as z from "zod/mini";
import { lazy } from "../openapi/lazy.ts";
import { defineRoute } from "../openapi/router.ts";
import { problemResponses } from "../problems/openapi.ts";
import { MAX_COMPLETIONS_PER_TASK } from "./bounds.ts";
import { everyRouteProblems, ifMatch, rateLimitPolicy, security, tags, taskResponse } from "./routes.ts";
import { TaskIdParams } from "./schemas.ts";

const instantOut = () => z.iso.datetime({ offset: true }).check(z.meta({ maxLength: 30 }));

export const TaskCompletions = lazy(() =>
  z
    .object({
      items: z
        .array(
          z.object({
            completedAt: instantOut().check(z.meta({ description: "When the occurrence was completed" })),
            dueAt: instantOut().check(z.meta({ description: "The occurrence's due date" })),
          }),
        )
        .check(z.maxLength(MAX_COMPLETIONS_PER_TASK)),
    })
    .check(
      z.meta({
        id: "TaskCompletions",
        description: `A repeating task's completed occurrences, newest first (at most the newest ${MAX_COMPLETIONS_PER_TASK} are kept).`,
      }),
    ),
);

export const listTaskCompletionsRoute = defineRoute({
  operationId: "listTaskCompletions",
  method: "get",
  path: "/api/{userId}/tasks/{id}/completions",
  summary: "List a repeating task's completions",
  description: "Each completion of a repeating task's occurrence: when, and the due date it had. Newest first.",
  tags,
  security,
  request: () => ({ params: TaskIdParams() }),
  responses: () => ({
    200: {
      description: "The completions, newest first",
      headers: rateLimitPolicy,
      content: { "application/json": { schema: TaskCompletions() } },
    },
    ...problemResponses(404, ...everyRouteProblems),
  }),
});

export const undoTaskCompletionRoute = defineRoute({
  operationId: "undoTaskCompletion",
  method: "delete",
  path: "/api/{userId}/tasks/{id}/completions/latest",
  summary: "Undo a repeating task's latest completion",
  description:
    "The task goes back to the due date that completion had, reopened if it had ended the series; the completion is forgotten. Send If-Match with the ETag the completion answered.",
  tags,
  security,
  request: () => ({ params: TaskIdParams(), headers: ifMatch() }),
  responses: () => ({
    200: taskResponse("The task as it was before that completion, with a new version"),
    ...problemResponses(404, 412, ...everyRouteProblems),
  }),
});
