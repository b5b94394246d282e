/**
 * The SQL a user's hub runs, as that user (row-level security): when a
 * reminder is due (one round trip per batch of due entries, before anything
 * is sent), when a write changed too many tasks to list (a bulk action), and
 * after a push service says a subscription is gone.
 */
import { and, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { tasks } from "../../../db/schema/tasks.ts";
import type { Database } from "../db/client.ts";
import { type StoredSubscription, subscriptionsOf } from "../push-subscriptions/queries.ts";
import { planOf, type ReminderPlan } from "./plan.ts";

/** A retry may outlive its task's due time by this much (five waits of at most 10 min: hub-reminders.ts). */
export const RETRY_WINDOW_MS = 60 * 60 * 1000;

interface UpcomingRow {
  id: string;
  title: string;
  due_at: string | Date;
  reminders: { before: string }[];
  version: number;
}

/** Every open task of the user's with a future due date and reminders, as plans. */
export async function upcomingPlans(db: Database, userId: string, now: number): Promise<ReminderPlan[]> {
  const result = await db.execute(sql`select id, title, due_at, reminders, version from tasks
    where user_id = ${userId} and deleted_at is null and not completed
      and due_at > ${new Date(now).toISOString()}::timestamptz and jsonb_array_length(reminders) > 0`);
  return (result.rows as unknown as UpcomingRow[]).map((row) =>
    planOf(row.id, row.version, {
      title: row.title,
      dueAt: new Date(row.due_at).toISOString(),
      completed: false,
      reminders: row.reminders,
    }),
  );
}

/** What Postgres says about a batch of due reminders, read right before sending them. */
export interface DueCheck {
  /** Where to send: the user's subscriptions now (none once the account is deleted). */
  subscriptions: StoredSubscription[];
  /** Of the tasks asked about, those that may still remind (open, not deleted, with reminders), as plans; by id. */
  tasks: Map<string, ReminderPlan>;
  /** Whether the user has any such task due after RETRY_WINDOW_MS ago (false for a deleted account). */
  anyLeft: boolean;
}

/** Reads the subscriptions, the due tasks and whether anything is left to remind, in one round trip. */
export async function checkDue(
  db: Database,
  userId: string,
  taskIds: readonly string[],
  now: number,
): Promise<DueCheck> {
  const remindable = and(
    eq(tasks.userId, userId),
    isNull(tasks.deletedAt),
    eq(tasks.completed, false),
    isNotNull(tasks.dueAt),
    sql`jsonb_array_length(${tasks.reminders}) > 0`,
  );
  const [subscriptions, due, left] = await db.batch([
    subscriptionsOf(db, userId),
    db
      .select({
        id: tasks.id,
        title: tasks.title,
        dueAt: tasks.dueAt,
        reminders: tasks.reminders,
        version: tasks.version,
      })
      .from(tasks)
      .where(and(remindable, inArray(tasks.id, [...taskIds]))),
    db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(remindable, gt(tasks.dueAt, new Date(now - RETRY_WINDOW_MS))))
      .limit(1),
  ]);
  return {
    subscriptions,
    tasks: new Map(
      due.map((row) => [
        row.id,
        planOf(row.id, row.version, {
          title: row.title,
          dueAt: row.dueAt?.toISOString() ?? null,
          completed: false,
          reminders: row.reminders,
        }),
      ]),
    ),
    anyLeft: left.length > 0,
  };
}
