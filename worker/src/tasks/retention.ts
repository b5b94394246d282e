/**
 * How long a deleted task can be restored, and the purge that removes it for
 * good afterwards. The purge rides along in the batch of each deleting or
 * restoring request (so it costs no extra round trip) and is bounded, so one
 * request never deletes an unbounded number of rows.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import { RESTORE_WINDOW_MINUTES } from "./bounds.ts";

/** At most this many expired rows are purged per request. */
export const PURGE_LIMIT = 200;

const window = sql.raw(`interval '${RESTORE_WINDOW_MINUTES} minutes'`);

/** True for a deletion that is still within its restore window. */
export const restorable = sql`${tasks.deletedAt} >= now() - ${window}`;

/** True for a deletion whose restore window has passed. */
export const expired = sql`${tasks.deletedAt} < now() - ${window}`;

/** Deletes up to PURGE_LIMIT of the user's expired deletions, oldest first. */
export function purgeExpired(db: Database, userId: string) {
  const oldest = db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), expired))
    .orderBy(tasks.deletedAt)
    .limit(PURGE_LIMIT);
  return db.delete(tasks).where(and(eq(tasks.userId, userId), inArray(tasks.id, oldest)));
}
