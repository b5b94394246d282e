/**
 * The reminder half of a user's hub (live/user-hub.ts): what it does with
 * the plans it is sent and when its alarm rings. The hub owns the one alarm
 * and sets it to whichever comes first, a socket's token expiry or the next
 * reminder.
 */
import { databaseFor } from "../db/client.ts";
import { type Bindings, configFor } from "../env.ts";
import { deleteSubscriptions } from "../push-subscriptions/queries.ts";
import { deliver, signerFor } from "./deliver.ts";
import { upcomingPlans } from "./hub-queries.ts";
import type { ReminderDueMessage, ReminderPlan } from "./plan.ts";
import { ReminderBook, type ReminderEntry } from "./reminder-book.ts";

/** A push service that asked to retry is tried this many more times, waiting 30 s, 1, 2, 4 and 8 min. */
export const MAX_PUSH_ATTEMPTS = 5;
const backoffMs = (attempt: number) => 30_000 * 2 ** attempt;

/** Storage key of the user id the hub serves (it is named for it, but an alarm is not told). */
const OWNER = "owner";

export class HubReminders {
  readonly book: ReminderBook;
  private readonly ctx: DurableObjectState;
  private readonly env: Bindings;
  private readonly broadcast: (frame: string) => void;

  constructor(ctx: DurableObjectState, env: Bindings, broadcast: (frame: string) => void) {
    this.ctx = ctx;
    this.env = env;
    this.broadcast = broadcast;
    this.book = new ReminderBook(ctx.storage);
  }

  /** Remembers whose hub this is, for the SQL it may run later. */
  own(userId: string): void {
    if (this.ctx.storage.kv.get(OWNER) !== userId) this.ctx.storage.kv.put(OWNER, userId);
  }

  private owner(): string | undefined {
    return this.ctx.storage.kv.get<string>(OWNER);
  }

  /** Applies a write's plans, or, when the write changed too many tasks to list them, re-reads them all. */
  async plan(plans: readonly ReminderPlan[], resync: boolean, now: number): Promise<void> {
    if (plans.length > 0) this.book.apply(plans, now);
    const owner = this.owner();
    if (resync && owner) {
      const all = await upcomingPlans(databaseFor(configFor(this.env), owner), owner, now);
      this.book.resync(all, Date.now());
    }
  }

  /** Sends what is due: to open sockets, then to every push subscription. Each entry is taken (and deleted) first. */
  async fire(now: number): Promise<void> {
    const due = this.book.takeDue(now);
    if (due.length === 0) return;
    for (const entry of due) {
      if (entry.attempt > 0) continue;
      const message: ReminderDueMessage = {
        type: "reminder.due",
        taskId: entry.taskId,
        title: entry.title,
        dueAt: entry.dueAt,
      };
      this.broadcast(JSON.stringify(message));
    }
    const config = configFor(this.env);
    const signer = signerFor(config);
    const subscriptions = this.book.subscriptions();
    if (!signer || subscriptions.length === 0) {
      if (!signer) console.warn("No VAPID key pair configured: reminders go to open pages only");
      return;
    }
    const vapid = { signer: await signer, subject: config.VAPID_SUBJECT };
    const gone = new Set<string>();
    await Promise.all(
      due.map(async (entry: ReminderEntry) => {
        const report = await deliver(entry, subscriptions, vapid, now);
        for (const id of report.gone) gone.add(id);
        if (report.retry.length > 0 && entry.attempt < MAX_PUSH_ATTEMPTS) {
          this.book.requeue({ ...entry, only: report.retry }, Date.now() + backoffMs(entry.attempt));
        }
      }),
    );
    if (gone.size > 0) await this.forget([...gone]);
  }

  /** Deletes subscriptions a push service says are gone, here and in Postgres. */
  private async forget(ids: string[]): Promise<void> {
    for (const id of ids) this.book.deleteSubscription(id);
    const owner = this.owner();
    if (!owner) return;
    try {
      await deleteSubscriptions(databaseFor(configFor(this.env), owner), owner, ids);
    } catch (error) {
      // The mirror no longer sends to them; the daily re-send tries again.
      console.error("Could not delete gone push subscriptions from Postgres", error);
    }
  }
}
