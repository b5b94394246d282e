/**
 * Bulk actions in one round trip: one UPDATE over every task the filter
 * selects, wrapped in a CTE that counts the rows it changed, batched with the
 * counts afterwards, the deletion's state (for a restore) and the purge.
 * With an Idempotency-Key, the key is claimed first and the UPDATE runs only
 * for the request that claimed it; its count is stored with the key, so a
 * retry replays the first answer instead of acting again.
 */
import { and, eq, exists, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { idempotencyKeys, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { BulkFilterInput, BulkInput } from "./bulk-schemas.ts";
import { advanceSeries, type OpenSeries, openSeries } from "./bulk-series.ts";
import { countTasks, filters, withStatus } from "./list-queries.ts";
import { purgeExpired, restorable } from "./retention.ts";
import type { TaskCountsDto } from "./schemas.ts";

const everything: BulkFilterInput = { status: "all", tz: "UTC" };

export type BulkOutcome =
  | { kind: "done"; count: number; deletionId: string | null; counts: TaskCountsDto }
  | { kind: "replay"; requestHash: string; count: number; deletionId: string | null; counts: TaskCountsDto }
  | { kind: "in-progress" }
  | { kind: "expired" }
  | { kind: "unknown-deletion" };

export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

/** The UPDATE for `input`, limited by `guard`; `opId` names a bulk deletion. */
function change(db: Database, userId: string, input: BulkInput, opId: string, guard: SQL | undefined) {
  if (input.action === "restore") {
    return db
      .update(tasks)
      .set({ deletedAt: null })
      .where(
        and(
          eq(tasks.userId, userId),
          eq(tasks.deletionId, input.deletionId),
          isNotNull(tasks.deletedAt),
          restorable,
          guard,
        ),
      );
  }
  const filter = input.filter ?? everything;
  const selected = [...filters(userId, filter), ...withStatus(filter.status), guard];
  switch (input.action) {
    case "complete":
      // Open repeating tasks move their series on instead: see ./bulk-series.ts.
      return db
        .update(tasks)
        .set({
          completed: true,
          completedAt: sql`coalesce(${tasks.completedAt}, now())`,
          updatedAt: sql`now()`,
          version: sql`${tasks.version} + 1`,
        })
        .where(and(...selected, eq(tasks.completed, false), isNull(tasks.repeat)));
    case "reopen":
      return db
        .update(tasks)
        .set({ completed: false, completedAt: null, updatedAt: sql`now()`, version: sql`${tasks.version} + 1` })
        .where(and(...selected, eq(tasks.completed, true)));
    case "delete-completed":
      // Versions stay: a restored task is the same representation, under the same ETag.
      return db
        .update(tasks)
        .set({ deletedAt: sql`now()`, deletionId: opId })
        .where(and(...selected, eq(tasks.completed, true)));
  }
}

/** Rows of a raw statement run in a batch. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export async function runBulk(
  db: Database,
  userId: string,
  input: BulkInput,
  claim?: IdempotencyClaim,
): Promise<BulkOutcome> {
  const opId = crypto.randomUUID();
  const counted = countTasks(
    db,
    filters(userId, input.action === "restore" ? everything : (input.filter ?? everything)),
  );
  const deletionId = input.action === "restore" ? input.deletionId : opId;
  const deletion = db
    .select({
      live: sql<number>`(count(*) filter (where ${tasks.deletedAt} is null))::int`,
      deleted: sql<number>`(count(*) filter (where ${tasks.deletedAt} is not null))::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.deletionId, deletionId)));
  const purge = purgeExpired(db, userId);
  const filter = input.action === "restore" ? everything : (input.filter ?? everything);
  const series = openSeries(
    db,
    input.action === "complete" ? [...filters(userId, filter), ...withStatus(filter.status)] : [sql`false`],
  );
  let seriesRows: OpenSeries[] = [];

  let count: number | undefined;
  let results: { counts: TaskCountsDto | undefined; state: { live: number; deleted: number } | undefined };
  if (!claim) {
    const update = change(db, userId, input, opId, undefined).returning({ id: tasks.id });
    const [changed, counts, state, , open] = await db.batch([
      db.execute(sql`with changed as (${update.getSQL()}) select count(*)::int as count from changed`),
      counted,
      deletion,
      purge,
      series,
    ]);
    count = rowsOf<{ count: number }>(changed)[0]?.count ?? 0;
    results = { counts: counts[0], state: state[0] };
    seriesRows = open;
  } else {
    const ownKey = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, claim.key));
    const claimed = exists(
      db
        .select({ one: sql`1` })
        .from(idempotencyKeys)
        .where(and(ownKey, eq(idempotencyKeys.taskId, opId))),
    );
    const update = change(db, userId, input, opId, claimed).returning({ id: tasks.id });
    const [, , , keys, countRows, state, , open] = await db.batch([
      db
        .delete(idempotencyKeys)
        .where(
          and(eq(idempotencyKeys.userId, userId), sql`${idempotencyKeys.createdAt} < now() - interval '24 hours'`),
        ),
      db
        .insert(idempotencyKeys)
        .values({ userId, key: claim.key, requestHash: claim.requestHash, taskId: opId, request: input })
        .onConflictDoNothing(),
      db.execute(
        sql`with changed as (${update.getSQL()}) update ${idempotencyKeys} set "response" = jsonb_build_object('count', (select count(*) from changed)) where ${and(ownKey, eq(idempotencyKeys.taskId, opId))}`,
      ),
      db.select().from(idempotencyKeys).where(ownKey),
      counted,
      deletion,
      purge,
      series,
    ]);
    const key = keys[0];
    const stored = (key?.response as { count?: number } | null | undefined)?.count;
    if (!key || stored === undefined) return { kind: "in-progress" };
    const counts = countRows[0] ?? { all: 0, pending: 0, completed: 0 };
    if (key.taskId !== opId) {
      const replayedDeletion = input.action === "delete-completed" ? key.taskId : null;
      return { kind: "replay", requestHash: key.requestHash, count: stored, deletionId: replayedDeletion, counts };
    }
    count = stored;
    results = { counts, state: state[0] };
    seriesRows = open;
  }
  if (seriesRows.length > 0) {
    // Only a request that ran the action (claimed its key, if any) gets here: a replay returned above.
    const keyed = claim
      ? sql`keyed as (update ${idempotencyKeys} set "response" = jsonb_build_object('count', ${count}::int + (select count(*) from changed)) where ${and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.taskId, opId))})`
      : undefined;
    const [moved, counts] = await db.batch([db.execute(advanceSeries(userId, seriesRows, Date.now(), keyed)), counted]);
    count += rowsOf<{ count: number }>(moved)[0]?.count ?? 0;
    results = { ...results, counts: counts[0] };
  }
  const counts = results.counts ?? { all: 0, pending: 0, completed: 0 };
  if (input.action === "restore" && count === 0) {
    if ((results.state?.live ?? 0) > 0) return { kind: "done", count, deletionId: null, counts };
    return (results.state?.deleted ?? 0) > 0 ? { kind: "expired" } : { kind: "unknown-deletion" };
  }
  return { kind: "done", count, deletionId: input.action === "delete-completed" ? opId : null, counts };
}
