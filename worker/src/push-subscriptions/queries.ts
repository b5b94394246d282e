/** All SQL for push subscriptions; every function is scoped by the caller's user id (and RLS). */
import { and, eq, inArray, sql } from "drizzle-orm";
import { pushSubscriptions } from "../../../db/schema/push.ts";
import type { Database } from "../db/client.ts";
import type { PushSubscriptionInput } from "../push/schemas.ts";

/** What a user's hub needs of each subscription to send to it. */
export interface StoredSubscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Inserts the subscription, or updates the keys of the caller's one with the same endpoint; its id. */
export async function upsertSubscription(db: Database, userId: string, input: PushSubscriptionInput): Promise<string> {
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth })
    .onConflictDoUpdate({
      target: [pushSubscriptions.userId, pushSubscriptions.endpoint],
      set: { p256dh: sql`excluded.p256dh`, auth: sql`excluded.auth` },
    })
    .returning({ id: pushSubscriptions.id });
  if (!row) throw new Error("upsert returned no row");
  return row.id;
}

/** True when the caller had this subscription (and now has not). */
export async function deleteSubscription(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id)))
    .returning({ id: pushSubscriptions.id });
  return rows.length > 0;
}

/** Deletes several of the caller's subscriptions in one statement (those a push service says are gone). */
export async function deleteSubscriptions(db: Database, userId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), inArray(pushSubscriptions.id, [...ids])));
}

/**
 * The caller's subscriptions, as a statement for a batch: a user's hub reads them when a reminder is
 * due (reminders/hub-queries.ts), so a deleted subscription, or account, is never sent to.
 */
export function subscriptionsOf(db: Database, userId: string) {
  return db
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
}
