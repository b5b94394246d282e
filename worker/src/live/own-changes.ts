/**
 * How a write learns what it changed, without another round trip: one more
 * statement at the end of its transaction reads back the `task_changes` rows
 * that this very transaction recorded (the triggers in
 * db/migrations/0005_task_changes.sql note where the user's counter stood
 * before it). Its answer is published to the user's sockets after the
 * response, with waitUntil.
 */
import type { Context } from "hono";
import type { Epilogue } from "../db/row-level-security.ts";
import type { AppEnv } from "../env.ts";
import { type ChangeRecord, cursorOf, eventOf, type LiveMessage } from "./events.ts";
import { publish } from "./publish.ts";

/** More changes than this in one write are announced as one `tasks.changed` event. */
export const MAX_EVENTS_PER_WRITE = 100;

/**
 * The changes this transaction made, oldest first, at most MAX_EVENTS_PER_WRITE + 1 of them,
 * each with the total. `pg_current_xact_id_if_assigned()` is null in a transaction that wrote
 * nothing, so a read or a refused write finds no rows.
 */
const OWN_CHANGES = `select c.seq, c.task_id, c.kind, c.version, c.task, s.last_seq - s.tx_base as total
from task_changes c join change_sequences s on s.user_id = c.user_id
where s.user_id = $1 and s.tx = pg_current_xact_id_if_assigned()
  and c.seq > s.tx_base and c.seq <= s.last_seq
order by c.seq limit ${MAX_EVENTS_PER_WRITE + 1}`;

type OwnChange = ChangeRecord & { total: string | number };

/** The messages for a write's changes: one event each, or one summary when there are too many. */
export function messagesFor(rows: OwnChange[]): LiveMessage[] {
  const first = rows[0];
  if (!first) return [];
  const total = Number(first.total);
  if (total > MAX_EVENTS_PER_WRITE) {
    return [{ type: "tasks.changed", count: total, cursor: cursorOf(Number(first.seq) + total - 1) }];
  }
  return rows.map(eventOf);
}

/** The epilogue for a writing request's transaction: its changes go to the user's sockets once it has committed. */
export function publishChanges(c: Context<AppEnv>, userId: string): Epilogue {
  return {
    text: OWN_CHANGES,
    params: [userId],
    receive(rows) {
      const messages = messagesFor(rows as OwnChange[]);
      if (messages.length > 0) c.executionCtx.waitUntil(publish(c.env, userId, messages));
    },
  };
}
