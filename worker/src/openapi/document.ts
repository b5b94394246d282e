/**
 * Builds the OpenAPI 3.1 document from the routes' definitions and zod
 * schemas, the single source of truth. It runs ahead of time (`npm run
 * openapi` writes the static asset worker/assets/openapi.json), never in the Worker: a generator
 * in the bundle would be most of its weight and startup. A worker test fails
 * when the generated file is stale.
 *
 * The generator is our own (./generator/): @hono/zod-openapi's
 * (@asteasolutions/zod-to-openapi) calls classic-only methods such as
 * `.meta()` and crashes on `zod/mini` schemas, which the Worker's routes use
 * (issue 14). Ours reads any zod schema through zod's own JSON Schema output
 * (`z.toJSONSchema`) and writes the document zod-to-openapi wrote, byte for byte.
 */
import { healthRoute } from "../health/index.ts";
import { changesRoute } from "../live/routes.ts";
import { createSubscriptionRoute, deleteSubscriptionRoute, vapidPublicKeyRoute } from "../push-subscriptions/routes.ts";
import { bulkTasksRoute, restoreTaskRoute } from "../tasks/bulk-routes.ts";
import { listTaskCompletionsRoute, undoTaskCompletionRoute } from "../tasks/completion-routes.ts";
import {
  completeTaskRoute,
  createTaskRoute,
  deleteTaskRoute,
  getTaskRoute,
  listTasksRoute,
  replaceTaskRoute,
} from "../tasks/routes.ts";
import { openApiDocument } from "./generator/openapi-document.ts";
import type { RouteDocumentation } from "./generator/types.ts";

/** Every route the Worker serves, in the document's order. */
const routes: RouteDocumentation[] = [
  listTasksRoute,
  createTaskRoute,
  getTaskRoute,
  replaceTaskRoute,
  deleteTaskRoute,
  completeTaskRoute,
  restoreTaskRoute,
  listTaskCompletionsRoute,
  undoTaskCompletionRoute,
  bulkTasksRoute,
  changesRoute,
  createSubscriptionRoute,
  deleteSubscriptionRoute,
  vapidPublicKeyRoute,
  healthRoute,
];

export function buildOpenApiDocument() {
  return openApiDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Tasks API",
        version: "1.0.0",
        description: "Each user's tasks. Authenticate with the short-lived JWT the site issues.",
        contact: { name: "Tasks API", url: "https://github.com/" },
        license: { name: "MIT", url: "https://opensource.org/license/mit" },
      },
      // Relative: the same document serves local development and production, each on its own origin.
      servers: [
        { url: "/", description: "This API's own origin: local development or production", "x-internal": false },
      ],
      tags: [
        { name: "Tasks", description: "The signed-in user's tasks: list, create, read, change, delete, restore" },
        { name: "Live sync", description: "Every change to the user's tasks: the change feed (and the live socket)" },
        { name: "Reminders", description: "Where the user's reminders are pushed: browsers' push subscriptions" },
        { name: "Meta", description: "The Worker itself" },
      ],
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A JWT (EdDSA, 15 minutes) issued by the site's Better Auth at /api/auth/token, verified as RFC8725 (JWT Best Current Practices) asks: one algorithm, issuer, audience and expiry required, keys only from the configured JWKS.",
        },
      },
    },
    routes,
  );
}

/** The document as served: compact JSON text, built once. */
export function openApiJson(): string {
  return JSON.stringify(buildOpenApiDocument());
}
