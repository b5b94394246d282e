/**
 * The change feed behind live sync (issue 16): every change to a task, in
 * the order it committed, per user. Rows are written by triggers on `tasks`
 * in the same transaction as the change (db/migrations/0005_task_changes.sql),
 * so every write path records its changes without another round trip.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./user.ts";

export const changeKinds = ["created", "updated", "deleted"] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** Postgres' 64-bit transaction id (pg_current_xact_id()). */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/**
 * Each user's change counter. `tx` and `txBase` name the transaction that
 * last moved it and where it stood before that transaction, so a write can
 * read back exactly the changes it made. `purgedThrough` is the highest
 * sequence number purged: a cursor below it has missed changes (410).
 */
export const changeSequences = pgTable("change_sequences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  tx: xid8("tx"),
  txBase: bigint("tx_base", { mode: "number" }).notNull().default(0),
  purgedThrough: bigint("purged_through", { mode: "number" }).notNull().default(0),
});

/** One change to one task. `task` is the row as it was after the change (to_jsonb), null for a deletion. */
export const taskChanges = pgTable(
  "task_changes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    taskId: uuid("task_id").notNull(),
    kind: text("kind", { enum: changeKinds }).notNull(),
    version: integer("version").notNull(),
    task: jsonb("task"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.seq] }),
    index("task_changes_user_changed_idx").on(t.userId, t.changedAt),
    check("task_changes_kind_check", sql`${t.kind} in ('created', 'updated', 'deleted')`),
  ],
);

export type TaskChangeRow = typeof taskChanges.$inferSelect;
