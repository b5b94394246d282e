/**
 * The first middleware: parses the configuration once per request (cached per
 * isolate by configFor) into `c.var.config`, so nothing downstream reads the
 * bindings itself. requireUser adds `c.var.db` once it knows the user.
 */
import { createMiddleware } from "hono/factory";
import { type AppEnv, configFor } from "../env.ts";

export const requestContext = createMiddleware<AppEnv>(async function requestContext(c, next) {
  c.set("config", configFor(c.env));
  await next();
});
