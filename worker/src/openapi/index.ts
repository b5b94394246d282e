/**
 * Serves the OpenAPI 3.1 document generated from the routes' zod schemas, and
 * an interactive reference for it at /docs.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../env.ts";

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
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Tasks API" }));
}
