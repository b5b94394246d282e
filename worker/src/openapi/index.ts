/**
 * Serves the OpenAPI 3.1 document built ahead of time from the routes' zod
 * schemas (./document.ts), and, in development only (API_DOCS=on), an
 * interactive reference for it at /docs. The reference runs Scalar's script
 * from a CDN on the API's own origin, so production does not serve it at all,
 * and development loads one pinned version.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { OPENAPI_JSON } from "./document.generated.ts";

/** An exact version: an unpinned URL runs whatever the CDN serves today. */
export const SCALAR_BUNDLE = "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0";

/** Scalar's documented HTML embed: the page loads the document and the pinned script. */
const referencePage = `<!doctype html>
<html>
  <head>
    <title>Tasks API</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <div id="app"></div>
    <script src="${SCALAR_BUNDLE}"></script>
    <script>Scalar.createApiReference("#app", { url: "/openapi.json" });</script>
  </body>
</html>`;

export function mountOpenApi(app: Hono<AppEnv>): void {
  app.get("/openapi.json", (c) => c.body(OPENAPI_JSON, 200, { "content-type": "application/json" }));
  app.get("/docs", (c) => {
    if (c.var.config.API_DOCS !== "on") throw new ProblemError("NOT_FOUND", { detail: "No such route." });
    return c.html(referencePage);
  });
}
