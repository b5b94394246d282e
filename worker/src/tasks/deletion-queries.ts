/**
 * Restoring a deleted task (Undo): the same row comes back, with its id,
 * fields and version, while its restore window lasts. One batch: the
 * conditional restore, the row as it is (to tell 404, 410 and 412 apart),
 * and the bounded purge.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { type TaskRow, tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import type { Precondition } from "../http/preconditions.ts";
import { matchingVersion, outcome, type WriteOutcome } from "./queries.ts";
import { purgeExpired, restorable } from "./retention.ts";

/** A restore's outcome: a write's, or a deletion whose window has passed. */
export type RestoreOutcome = WriteOutcome | { kind: "expired"; deletedAt: Date };

function versionMatches(row: TaskRow, precondition: Precondition): boolean {
  return precondition.kind !== "versions" || precondition.versions.includes(row.version);
}

export async function restoreTask(
  db: Database,
  userId: string,
  id: string,
  precondition: Precondition,
): Promise<RestoreOutcome> {
  const ownRow = and(eq(tasks.userId, userId), eq(tasks.id, id));
  const [restored, current] = await db.batch([
    db
      .update(tasks)
      .set({ deletedAt: null })
      .where(matchingVersion(and(ownRow, isNotNull(tasks.deletedAt), restorable), precondition))
      .returning(),
    db.select().from(tasks).where(ownRow),
    purgeExpired(db, userId),
  ]);
  const row = current[0];
  // The select ran after the update in the same transaction: `row` is the task as it now is.
  if (restored[0] || !row) return outcome(restored[0], row);
  // Not deleted (restored already, say): restoring again changes nothing and succeeds.
  if (!row.deletedAt) return versionMatches(row, precondition) ? { kind: "done", row } : outcome(undefined, row);
  if (versionMatches(row, precondition)) return { kind: "expired", deletedAt: row.deletedAt };
  return outcome(undefined, row);
}
