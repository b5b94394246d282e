/**
 * The reminder half of a user's hub (live/user-hub.ts): what it does with
 * the plans it is sent and when its alarm rings. The hub owns the one alarm
 * and sets it to whichever comes first, a socket's token expiry or the next
 * reminder.
 *
 * The book says when to wake; Postgres says whether to send. Before sending a
 * batch of due entries the hub reads, in one round trip as the user, their
 * push subscriptions and which of the due tasks are still open with
 * reminders. So a deleted account (its rows go by cascade) or a deleted or
 * completed task whose change never reached the hub sends nothing, and a hub
 * whose user has nothing left to remind empties its storage (ADR 0014).
 */
import { type Bindings, configFor } from "../env.ts";
import { deliver, signerFor } from "./deliver.ts";
import type { DueCheck } from "./hub-queries.ts";
import type { ReminderDueMessage, ReminderPlan } from "./plan.ts";
import { ReminderBook, type ReminderEntry } from "./reminder-book.ts";

/** The hub's queries, drizzle and the tables, loaded when it first needs Postgres (./hub-data.ts). */
const data = () => import("./hub-data.ts");

/** A push service that asked to retry is tried this many more times, waiting 30 s, 1, 2, 4 and 8 min. */
export const MAX_PUSH_ATTEMPTS = 5;
const backoffMs = (attempt: number) => 30_000 * 2 ** attempt;
/** A push service's Retry-After is honoured up to this long. */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/** Storage key of the user id the hub serves (it is named for it, but an alarm is not told). */
const OWNER = "owner";

/** Open pages hear of a reminder once, on the first try that reached Postgres. */
const toAnnounce = (entry: ReminderEntry) => !(entry.announced ?? entry.attempt > 0);

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
      const { databaseFor, upcomingPlans } = await data();
      const all = await upcomingPlans(databaseFor(configFor(this.env), owner), owner, now);
      this.book.resync(all, Date.now());
    }
  }

  /**
   * Sends what is due and still stands in Postgres: to open sockets, then to the user's push
   * subscriptions. Each entry is taken (and deleted) first, so it is sent once.
   */
  async fire(now: number): Promise<void> {
    const due = this.book.takeDue(now);
    if (due.length === 0) return;
    const owner = this.owner();
    if (!owner) return; // Never planned by a write (they name the owner): nobody to check with.
    let check: DueCheck;
    try {
      const taskIds = [...new Set(due.map((entry) => entry.taskId))];
      const { checkDue, databaseFor } = await data();
      check = await checkDue(databaseFor(configFor(this.env), owner), owner, taskIds, now);
    } catch (error) {
      // Unchecked, nothing is sent: each entry waits as a retry would.
      console.error("Could not check due reminders against Postgres; retrying later", error);
      for (const entry of due) this.retry({ ...entry, announced: !toAnnounce(entry) }, 0);
      return;
    }
    const standing: ReminderEntry[] = [];
    const gone: string[] = [];
    const moved: ReminderPlan[] = [];
    for (const entry of due) {
      const task = check.tasks.get(entry.taskId);
      if (!task) gone.push(entry.taskId);
      // The same occurrence of a task still open with reminders, under its title as it is now.
      else if (task.dueAt !== null && Date.parse(task.dueAt) === Date.parse(entry.dueAt))
        standing.push({ ...entry, title: task.title });
      // A change the hub never heard of moved it: plan it as Postgres has it.
      else moved.push(task);
    }
    if (standing.length === 0 && moved.length === 0 && !check.anyLeft) {
      this.clear();
      return;
    }
    this.book.drop(gone, now);
    this.book.apply(moved, now);
    this.announce(standing.filter(toAnnounce));
    await this.push(standing, check.subscriptions, now);
  }

  private announce(entries: readonly ReminderEntry[]): void {
    for (const entry of entries) {
      const message: ReminderDueMessage = {
        type: "reminder.due",
        taskId: entry.taskId,
        title: entry.title,
        dueAt: entry.dueAt,
      };
      this.broadcast(JSON.stringify(message));
    }
  }

  private async push(entries: readonly ReminderEntry[], subscriptions: DueCheck["subscriptions"], now: number) {
    const config = configFor(this.env);
    const signer = signerFor(config);
    if (!signer || subscriptions.length === 0 || entries.length === 0) {
      if (!signer) console.warn("No VAPID key pair configured: reminders go to open pages only");
      return;
    }
    const vapid = { signer: await signer, subject: config.VAPID_SUBJECT };
    const gone = new Set<string>();
    await Promise.all(
      entries.map(async (entry) => {
        const report = await deliver(entry, subscriptions, vapid, now);
        for (const id of report.gone) gone.add(id);
        if (report.retry.length > 0) {
          this.retry({ ...entry, only: report.retry, announced: true }, report.retryAfterMs);
        }
      }),
    );
    if (gone.size > 0) await this.forget([...gone]);
  }

  /** Puts an entry back after the backoff (or the push service's Retry-After, if longer), up to MAX_PUSH_ATTEMPTS. */
  private retry(entry: ReminderEntry, retryAfterMs: number): void {
    if (entry.attempt >= MAX_PUSH_ATTEMPTS) {
      console.error(`A reminder was not delivered after ${MAX_PUSH_ATTEMPTS} retries; dropped`);
      return;
    }
    const wait = Math.max(backoffMs(entry.attempt), Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
    this.book.requeue(entry, Date.now() + wait);
  }

  /** Forgets the user's reminders and whose hub this is: Postgres has nothing left for them to remind. */
  private clear(): void {
    this.book.clear();
    this.ctx.storage.kv.delete(OWNER);
  }

  /** Deletes subscriptions a push service says are gone, in Postgres (as the user). */
  private async forget(ids: string[]): Promise<void> {
    const owner = this.owner();
    if (!owner) return;
    try {
      const { databaseFor, deleteSubscriptions } = await data();
      await deleteSubscriptions(databaseFor(configFor(this.env), owner), owner, ids);
    } catch (error) {
      // The next reminder sends to them again, and deletes them then.
      console.error("Could not delete gone push subscriptions from Postgres", error);
    }
  }
}
