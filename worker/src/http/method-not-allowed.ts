/**
 * Tells "no such route" (404) from "no such method here" (405 with Allow),
 * using the routes the app already has, so nothing is listed twice.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";

interface RouteShape {
  pattern: RegExp;
  method: string;
}

/** Every handler route (middleware registered with `use` answers ALL methods and is skipped). */
function routesOf(app: Hono<AppEnv>): RouteShape[] {
  return app.routes.flatMap((route) => {
    if (route.method === "ALL") return [];
    const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/:[^/]+/g, "[^/]+");
    return [{ pattern: new RegExp(`^${source}$`), method: route.method.toUpperCase() }];
  });
}

/** The methods `path` does answer to; empty when no route has that path. */
export function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const methods = routesOf(app)
    .filter((route) => route.pattern.test(path))
    .map((route) => route.method);
  if (methods.includes("GET")) methods.push("HEAD");
  return [...new Set(methods)];
}
