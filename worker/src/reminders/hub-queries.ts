/**
 * The SQL a user's hub runs, as that user (row-level security): only when a
 * write changed too many tasks to list (a bulk action) and after a push
 * service says a subscription is gone. An alarm that just sends needs none.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { planOf, type ReminderPlan } from "./plan.ts";

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
