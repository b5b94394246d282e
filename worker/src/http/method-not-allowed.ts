/**
 * Tells "no such route" (404) from "no such method here" (405 with Allow),
 * using the routes the OpenAPI registry already knows, so nothing is listed twice.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";

interface RouteShape {
  pattern: RegExp;
  method: string;
}

function routesOf(app: OpenAPIHono<AppEnv>): RouteShape[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== "route") return [];
    const source = definition.route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
    return [{ pattern: new RegExp(`^${source}$`), method: definition.route.method.toUpperCase() }];
  });
}

/** The methods `path` does answer to; empty when no route has that path. */
export function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string[] {
  const methods = routesOf(app)
    .filter((route) => route.pattern.test(path))
    .map((route) => route.method);
  if (methods.includes("GET")) methods.push("HEAD");
  return [...new Set(methods)];
}
