/** OpenAPI definition of the change feed; the live socket is a plain GET (OpenAPI cannot describe the upgrade). */
import { defineRoute } from "../openapi/router.ts";
import { problemResponses } from "../problems/openapi.ts";
import { everyRouteProblems, rateLimitPolicy, security } from "../tasks/routes.ts";
import { TaskParams } from "../tasks/schemas.ts";
import { CHANGE_RETENTION_DAYS, ChangeFeed, ChangesQuery } from "./schemas.ts";

export const changesRoute = defineRoute({
  operationId: "listChanges",
  method: "get",
  path: "/api/{userId}/changes",
  summary: "Every change to the caller's tasks after a cursor, deletions included, in order",
  description: `Without \`since\`, answers the current cursor and no items. Changes are kept ${CHANGE_RETENTION_DAYS} days; an older cursor answers 410 CURSOR_EXPIRED: reload the list. At most 500 items per answer: ask again from its cursor. The live socket is GET /api/{userId}/live (WebSocket; token in Sec-WebSocket-Protocol as \`bearer, <jwt>\`), whose messages are these events.`,
  tags: ["Live sync"],
  security,
  request: () => ({ params: TaskParams(), query: ChangesQuery() }),
  responses: () => ({
    200: {
      description: "The changes after `since`, and the cursor to ask from next",
      headers: rateLimitPolicy,
      content: { "application/json": { schema: ChangeFeed() } },
    },
    ...problemResponses(410, ...everyRouteProblems),
  }),
});
