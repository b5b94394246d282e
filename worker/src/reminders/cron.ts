/**
 * The daily Cron Trigger (wrangler.jsonc triggers.crons): re-sends every
 * user's next 24 hours of reminders to their hub.
 * Writes already send each change as it commits; this catches one that did
 * not arrive (a hub call that failed after the commit). Entries are keyed by
 * fire time and task, and versions only move forward, so a re-send changes
 * nothing that arrived.
 */
import { type Bindings, configFor } from "../env.ts";
import { hubFor } from "../live/publish.ts";
import { planOf } from "./plan.ts";
import type { UpcomingTask } from "./scheduler-queries.ts";

/** Hubs called at once per page. */
const HUB_CONCURRENCY = 20;

function byUser(tasks: readonly UpcomingTask[]): Map<string, UpcomingTask[]> {
  const users = new Map<string, UpcomingTask[]>();
  for (const task of tasks) users.set(task.userId, [...(users.get(task.userId) ?? []), task]);
  return users;
}

/** Re-sends the next 24 h of reminders to each owner's hub; answers how many tasks and users it covered. */
export async function resendUpcomingReminders(env: Bindings, now: number): Promise<{ tasks: number; users: number }> {
  const config = configFor(env);
  // The driver loads when the trigger fires, not at every startup (issue 14).
  const { SCHEDULER_PAGE_SIZE, upcomingPage } = await import("./scheduler-queries.ts");
  let after: { userId: string; id: string } | undefined;
  let tasks = 0;
  let users = 0;
  for (;;) {
    const page = await upcomingPage(config, now, after);
    const owners = [...byUser(page.tasks)];
    for (let i = 0; i < owners.length; i += HUB_CONCURRENCY) {
      await Promise.all(
        owners.slice(i, i + HUB_CONCURRENCY).map(async ([userId, owned]) => {
          const plans = owned.map((task) => planOf(task.id, task.version, { ...task, completed: false }));
          try {
            await hubFor(env, userId).sync(userId, plans);
          } catch (error) {
            console.error("Could not re-send reminders to a user's hub", error);
          }
        }),
      );
    }
    tasks += page.tasks.length;
    users += owners.length;
    const last = page.tasks.at(-1);
    if (!last || page.tasks.length < SCHEDULER_PAGE_SIZE) return { tasks, users };
    after = { userId: last.userId, id: last.id };
  }
}

/** The Worker's `scheduled` handler. */
export function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): void {
  ctx.waitUntil(resendUpcomingReminders(env, controller.scheduledTime));
}
