/**
 * The database as the signed-in user sees it, for requireUser. This module
 * brings drizzle, the Neon driver and the live read-back, so requireUser
 * imports it once a token has been verified, not when the Worker loads
 * (issue 14: a refused token never loads them).
 */
import type { Context } from "hono";
import { type Database, databaseFor } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { publishChanges } from "../live/own-changes.ts";

/** A write's transaction also reads back the changes it made, which go to the user's live sockets. */
export function userDatabase(c: Context<AppEnv>, userId: string): Database {
  const epilogue = c.req.method === "GET" ? undefined : publishChanges(c, userId);
  return databaseFor(c.var.config, userId, epilogue);
}
