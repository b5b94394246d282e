/**
 * Direct SQL for tests that must move time: a deletion made "eleven minutes
 * ago" is one whose restore window has passed, without waiting ten minutes.
 */
import { sql } from "drizzle-orm";
import { tasks } from "../../db/schema/tasks.ts";
import { databaseFor } from "../src/db/client.ts";
import { configFor } from "../src/env.ts";
import { testBindings } from "./harness.ts";

/** Moves the deletion of the given tasks `minutes` into the past. */
export async function backdateDeletion(ids: string[], minutes: number): Promise<void> {
  const db = databaseFor(configFor(testBindings()));
  await db.execute(
    sql`update ${tasks} set "deleted_at" = "deleted_at" - make_interval(mins => ${minutes}::int) where ${tasks.id} in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

/** Whether a row exists for the task at all, deleted or not (i.e. it has not been purged). */
export async function rowExists(id: string): Promise<boolean> {
  const db = databaseFor(configFor(testBindings()));
  const result = await db.execute(sql`select 1 from ${tasks} where ${tasks.id} = ${id}::uuid`);
  return result.rows.length > 0;
}
