/**
 * Direct SQL for tests that must set the database up the way the API cannot,
 * or look past the API: the test stack's connection string, through the same
 * Neon driver, as the connecting role (no user scope, no role switch).
 */
import { type NeonQueryFunction, neon, neonConfig } from "@neondatabase/serverless";
import { inject } from "vitest";
import { testBindings } from "./harness.ts";

/** The Neon query function the API wraps, as the role in the connection string. */
export function connectingRole(): NeonQueryFunction<false, false> {
  neonConfig.fetchEndpoint = inject("sqlEndpoint");
  return neon(testBindings().DATABASE_URL);
}

/** Adds `count` tasks to a user's list in one statement, bypassing the API. */
export async function insertTasks(userId: string, count: number): Promise<void> {
  await connectingRole().query(
    `insert into tasks (id, user_id, title) select gen_random_uuid(), $1, 'Filler ' || n from generate_series(1, $2::int) as n`,
    [userId, count],
  );
}
