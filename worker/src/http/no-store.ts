/**
 * `Cache-Control: no-store` on every answer under /api/{user_id}/*, problems
 * included: they are one person's data, fetched with their token, and no
 * browser or shared cache should keep a copy.
 */
import type { MiddlewareHandler } from "hono";

export const noStore: MiddlewareHandler = async function noStore(c, next) {
  await next();
  c.res.headers.set("cache-control", "no-store");
};
