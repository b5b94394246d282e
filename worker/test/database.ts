/**
 * Direct SQL for tests that must set the database up the way the API cannot,
 * move time, or look past the API: the test stack's connection string, through
 * the same Neon driver, as the connecting role (no user scope, no role switch).
 */

import { inject } from "vitest";
import { type NeonQueryFunction, neon, neonConfig } from "../src/db/neon-http/index.ts";
import { testBindings } from "./harness.ts";

/** The Neon query function the API wraps, as the role in the connection string. */
export function connectingRole(): NeonQueryFunction<false, false> {
  neonConfig.fetchEndpoint = inject("sqlEndpoint");
  return neon(testBindings().DATABASE_URL);
}

/**
 * Rows per statement when filling a table. PGlite runs one statement at a
 * time for every test file at once; 10,000 rows in one statement hold it for
 * seconds on a busy machine, long enough for other files' requests to hit the
 * API's 5 s database timeout.
 */
const CHUNK = 500;

async function inChunks(count: number, insert: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 1; from <= count; from += CHUNK) await insert(from, Math.min(from + CHUNK - 1, count));
}

/**
 * Adds `count` tasks to a user's list, bypassing the API, and its triggers too: filler needs
 * no change log (live sync) nor the cap's count, and 10,000 rows of either cost seconds.
 */
export async function insertTasks(userId: string, count: number): Promise<void> {
  const sql = connectingRole();
  await inChunks(count, (from, to) =>
    sql.transaction([
      sql.query("set local session_replication_role = replica"),
      sql.query(
        `insert into tasks (id, user_id, title) select gen_random_uuid(), $1, 'Filler ' || n from generate_series($2::int, $3::int) as n`,
        [userId, from, to],
      ),
    ]),
  );
}

/** Adds `count` live Idempotency-Keys for a user, bypassing the API. */
export async function insertIdempotencyKeys(userId: string, count: number): Promise<void> {
  const sql = connectingRole();
  await inChunks(count, (from, to) =>
    sql.query(
      `insert into idempotency_keys (user_id, key, request_hash, task_id, request)
       select $1, 'k' || n, 'h', gen_random_uuid(), '{}'::jsonb from generate_series($2::int, $3::int) as n`,
      [userId, from, to],
    ),
  );
}

/**
 * Moves the deletion of the given tasks `minutes` into the past: a deletion
 * made "eleven minutes ago" is one whose restore window has passed, without
 * waiting ten minutes.
 */
export async function backdateDeletion(ids: string[], minutes: number): Promise<void> {
  await connectingRole().query(
    `update tasks set deleted_at = deleted_at - make_interval(mins => $1::int) where id = any($2::uuid[])`,
    [minutes, ids],
  );
}

/** Whether a row exists for the task at all, deleted or not (i.e. it has not been purged). */
export async function rowExists(id: string): Promise<boolean> {
  const rows = await connectingRole().query("select 1 from tasks where id = $1::uuid", [id]);
  return rows.length > 0;
}
