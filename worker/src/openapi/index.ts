/**
 * Serves the OpenAPI 3.1 document built ahead of time from the routes' zod
 * schemas (./document.ts, written to worker/assets/openapi.json by `npm run
 * openapi`). The file is a static asset read through the ASSETS binding, not a
 * string in the bundle: it costs the Worker's upload and startup nothing
 * (issue 14, ADR 0015). And, in development only (API_DOCS=on), an
 * interactive reference for it at /docs. The reference runs Scalar's script
 * from a CDN on the API's own origin, so production does not serve it at all,
 * and development loads one pinned version.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";

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

/** The asset's path in wrangler.jsonc's `assets.directory`. */
const DOCUMENT_ASSET = "/openapi.json";

export function mountOpenApi(app: Hono<AppEnv>): void {
  app.get("/openapi.json", async (c) => {
    // A bare GET: the client's own headers (conditional, range) must not turn the answer into a
    // 304 or 206; the route answers as it did when the document was in the bundle.
    const asset = await c.env.ASSETS.fetch(new URL(DOCUMENT_ASSET, c.req.url));
    if (!asset.ok || asset.body === null) throw new Error(`no OpenAPI document in the assets (${asset.status})`);
    return c.body(asset.body, 200, { "content-type": "application/json" });
  });
  app.get("/docs", (c) => {
    if (c.var.config.API_DOCS !== "on") throw new ProblemError("NOT_FOUND", { detail: "No such route." });
    return c.html(referencePage);
  });
}
