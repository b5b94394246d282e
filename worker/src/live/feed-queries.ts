/**
 * The change feed's SQL: where the caller's counter stands and the changes
 * after a cursor, read together in one batch (one transaction, one round
 * trip). Changes are recorded and purged by the triggers of
 * db/migrations/0005_task_changes.sql.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { changeSequences, taskChanges } from "../../../db/schema/changes.ts";
import type { Database } from "../db/client.ts";
import type { ChangeRecord } from "./events.ts";
import { FEED_PAGE } from "./schemas.ts";

export type FeedOutcome =
  | { kind: "page"; changes: ChangeRecord[]; cursor: number }
  | { kind: "expired" }
  | { kind: "current"; cursor: number };

function counter(db: Database, userId: string) {
  return db
    .select({ lastSeq: changeSequences.lastSeq, purgedThrough: changeSequences.purgedThrough })
    .from(changeSequences)
    .where(eq(changeSequences.userId, userId));
}

/** The cursor now, or the changes after `since`; `expired` when some of them were purged, or `since` was never issued. */
export async function readFeed(db: Database, userId: string, since: number | undefined): Promise<FeedOutcome> {
  if (since === undefined) {
    const [state] = await counter(db, userId);
    return { kind: "current", cursor: state?.lastSeq ?? 0 };
  }
  const [states, rows] = await db.batch([
    counter(db, userId),
    db
      .select({
        seq: taskChanges.seq,
        task_id: taskChanges.taskId,
        kind: taskChanges.kind,
        version: taskChanges.version,
        task: taskChanges.task,
      })
      .from(taskChanges)
      .where(and(eq(taskChanges.userId, userId), gt(taskChanges.seq, since)))
      .orderBy(asc(taskChanges.seq))
      .limit(FEED_PAGE),
  ]);
  const lastSeq = states[0]?.lastSeq ?? 0;
  const purgedThrough = states[0]?.purgedThrough ?? 0;
  if (since < purgedThrough || since > lastSeq) return { kind: "expired" };
  const changes = rows as ChangeRecord[];
  const last = changes.at(-1);
  return { kind: "page", changes, cursor: last ? Number(last.seq) : since };
}
