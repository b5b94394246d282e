/**
 * The one read across users (ADR 0014): the daily re-send needs every task
 * whose reminders fire in the next 24 hours, whoever owns it. It runs as
 * `todo_reminder_scheduler` (db/migrations/0007), a role that may only SELECT
 * the columns a reminder needs, through a read-only policy; it cannot write,
 * and reads no description, tags or anything of Better Auth's. Every other
 * statement stays per user (ADR 0007). Subscriptions are not read here: each
 * hub reads its user's when a reminder is due.
 */
import { type NeonQueryFunction, neon } from "@neondatabase/serverless";
import "../db/client.ts"; // sets the driver's routed fetch (NEON_HTTP_ENDPOINT, timeout) before any client exists
import type { Config } from "../env.ts";

export const SCHEDULER_ROLE = "todo_reminder_scheduler";
/** Tasks per round trip; the re-send pages through the rest. */
export const SCHEDULER_PAGE_SIZE = 500;

export interface UpcomingTask {
  userId: string;
  id: string;
  title: string;
  dueAt: string;
  reminders: { before: string }[];
  version: number;
}

export interface UpcomingPage {
  tasks: UpcomingTask[];
}

// $1 is "now"; a reminder fires at due_at - before (an ISO 8601 duration Postgres reads as an interval).
const IN_WINDOW = `t.deleted_at is null and not t.completed and jsonb_array_length(t.reminders) > 0
  and t.due_at > $1::timestamptz and t.due_at <= $1::timestamptz + interval '31 days'
  and exists (select 1 from jsonb_array_elements(t.reminders) r
    where t.due_at - (r->>'before')::interval > $1::timestamptz
      and t.due_at - (r->>'before')::interval <= $1::timestamptz + interval '24 hours')
  and (t.user_id, t.id) > ($2, $3::uuid)`;

const PAGE = `select t.user_id, t.id, t.title, t.due_at, t.reminders, t.version from tasks t
  where ${IN_WINDOW} order by t.user_id, t.id limit $4`;

const clients = new WeakMap<Config, NeonQueryFunction<false, false>>();

function clientFor(config: Config): NeonQueryFunction<false, false> {
  let client = clients.get(config);
  if (!client) {
    // Read by the routed fetch that db/client.ts installs (endpoint and timeout per configuration).
    const fetchOptions = { endpoint: config.NEON_HTTP_ENDPOINT, timeoutMs: config.DATABASE_TIMEOUT_MS };
    client = neon(config.DATABASE_URL, { fetchOptions });
    clients.set(config, client);
  }
  return client;
}

interface TaskRecord {
  user_id: string;
  id: string;
  title: string;
  due_at: string | Date;
  reminders: { before: string }[];
  version: number;
}

/** One page of upcoming tasks after `after` (user id, task id): one round trip. */
export async function upcomingPage(
  config: Config,
  now: number,
  after: { userId: string; id: string } = { userId: "", id: "00000000-0000-0000-0000-000000000000" },
  limit = SCHEDULER_PAGE_SIZE,
): Promise<UpcomingPage> {
  const client = clientFor(config);
  const params = [new Date(now).toISOString(), after.userId, after.id, limit];
  const [, taskRows] = (await client.transaction(
    [client.query(`select set_config('role', '${SCHEDULER_ROLE}', true)`), client.query(PAGE, params)],
    { readOnly: true },
  )) as [unknown, TaskRecord[]];
  return {
    tasks: taskRows.map((row) => ({
      userId: row.user_id,
      id: row.id,
      title: row.title,
      dueAt: new Date(row.due_at).toISOString(),
      reminders: row.reminders,
      version: row.version,
    })),
  };
}
