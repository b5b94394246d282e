/**
 * Serves the OpenAPI 3.1 document generated from the routes' zod schemas, and,
 * in development only (API_DOCS=on), an interactive reference for it at /docs.
 * The reference runs Scalar's script from a CDN on the API's own origin, so
 * production does not serve it at all, and development loads one pinned version.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { type AppEnv, configFor } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";

/** An exact version: an unpinned URL runs whatever the CDN serves today. */
export const SCALAR_BUNDLE = "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0";

export function mountOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT (EdDSA), issued by the site's Better Auth",
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Tasks API",
      version: "1.0.0",
      description: "Each user's tasks. Authenticate with the short-lived JWT the site issues.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  const reference = Scalar<AppEnv>({ url: "/openapi.json", pageTitle: "Tasks API", cdn: SCALAR_BUNDLE });
  app.get("/docs", (c, next) => {
    if (configFor(c.env).API_DOCS !== "on") throw new ProblemError("NOT_FOUND", { detail: "No such route." });
    return reference(c, next);
  });
}
