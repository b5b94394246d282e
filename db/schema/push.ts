/**
 * Web Push subscriptions (issue 15, specs/004-recurring-and-reminders): one
 * row per browser where a user turned reminders on. Postgres alone holds
 * them: the user's hub reads them when a reminder is due (ADR 0014), so a
 * deleted subscription, or account, is never sent to. A browser that subscribes again with the same
 * endpoint updates its row (unique per user and endpoint).
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "./user.ts";

export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The push service URL, already checked against the allow-list (worker/src/push/endpoint-policy.ts). */
    endpoint: text("endpoint").notNull(),
    /** The browser's P-256 public key and auth secret, base64url (RFC 8291). */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_user_endpoint_idx").on(t.userId, t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId, t.createdAt),
  ],
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
