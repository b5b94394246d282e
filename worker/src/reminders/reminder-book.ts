/**
 * A user's upcoming reminders, kept in their hub's own storage (SQLite-backed,
 * synchronous KV), so the hub knows when to wake without asking Postgres.
 * What it holds is a plan, not a licence to send: before sending, the hub
 * checks the due entries against Postgres (hub-reminders.ts, ADR 0014).
 * Every change is one synchronous transaction.
 *
 * Keys:
 * - `reminder:<fireAt, 16 digits>:<taskId>` → ReminderEntry (listing in key order is fire order);
 * - `reminder-task:<taskId>` → TaskIndex: the task's current entries and the version they came from.
 */
import type { ReminderPlan } from "./plan.ts";

const ENTRY = "reminder:";
const TASK = "reminder-task:";
/** Where hubs kept a mirror of the push subscriptions before ADR 0014's amendment; cleared with the rest. */
const LEGACY_SUBSCRIPTION = "subscription:";

/** A task with no reminders left keeps its version this long, so an older change arriving late is ignored. */
export const TOMBSTONE_MS = 60 * 60 * 1000;
/** At most this many reminders are taken per alarm; the next alarm follows at once. */
export const MAX_DUE_PER_ALARM = 50;

export interface ReminderEntry {
  taskId: string;
  title: string;
  dueAt: string;
  fireAt: number;
  /** 0 on the first try; a retry after a push service's 429/5xx counts up. */
  attempt: number;
  /** On a retry, only the subscriptions that asked for it. */
  only?: string[];
  /** Whether open pages were told (a retry's are; not when Postgres could not be asked). Older entries lack it. */
  announced?: boolean;
}

interface TaskIndex {
  version: number;
  keys: string[];
  /** Set when `keys` is empty: after this the record is dropped. */
  until?: number;
}

/** A plan with nothing to fire, at the version the book holds: it clears the task's entries. */
const nothingFor = (taskId: string, version: number): ReminderPlan => ({
  taskId,
  version,
  title: "",
  dueAt: null,
  fireTimes: [],
});

const entryKey = (fireAt: number, taskId: string) => `${ENTRY}${String(fireAt).padStart(16, "0")}:${taskId}`;

export class ReminderBook {
  private readonly storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.storage = storage;
  }

  private get kv() {
    return this.storage.kv;
  }

  /** Replaces each planned task's future entries, unless the book already holds a newer version. */
  apply(plans: readonly ReminderPlan[], now: number): void {
    this.storage.transactionSync(() => {
      for (const plan of plans) {
        const index = this.kv.get<TaskIndex>(TASK + plan.taskId);
        if (index && index.version > plan.version && (index.until === undefined || index.until > now)) continue;
        for (const key of index?.keys ?? []) this.kv.delete(key);
        const keys: string[] = [];
        for (const fireAt of plan.fireTimes) {
          if (fireAt <= now || plan.dueAt === null) continue;
          const key = entryKey(fireAt, plan.taskId);
          this.kv.put<ReminderEntry>(key, {
            taskId: plan.taskId,
            title: plan.title,
            dueAt: plan.dueAt,
            fireAt,
            attempt: 0,
          });
          keys.push(key);
        }
        const record: TaskIndex = { version: plan.version, keys };
        if (keys.length === 0) record.until = now + TOMBSTONE_MS;
        this.kv.put(TASK + plan.taskId, record);
      }
    });
  }

  /** Makes the book exactly `plans` (re-read from Postgres): tasks not among them lose their entries. */
  resync(plans: readonly ReminderPlan[], now: number): void {
    const planned = new Set(plans.map((plan) => plan.taskId));
    const dropped: ReminderPlan[] = [];
    for (const [key, index] of this.kv.list<TaskIndex>({ prefix: TASK })) {
      const taskId = key.slice(TASK.length);
      if (!planned.has(taskId) && index.keys.length > 0) dropped.push(nothingFor(taskId, index.version));
    }
    this.apply([...dropped, ...plans], now);
  }

  /** Drops the entries of tasks Postgres says can no longer remind (deleted, completed, gone with the account). */
  drop(taskIds: readonly string[], now: number): void {
    const dropped: ReminderPlan[] = [];
    for (const taskId of taskIds) {
      const index = this.kv.get<TaskIndex>(TASK + taskId);
      if (index && index.keys.length > 0) dropped.push(nothingFor(taskId, index.version));
    }
    this.apply(dropped, now);
  }

  /** The earliest entry's fire time, or null. */
  nextAt(): number | null {
    for (const [, entry] of this.kv.list<ReminderEntry>({ prefix: ENTRY, limit: 1 })) return entry.fireAt;
    return null;
  }

  /** Removes and returns the entries due by `now`, in one transaction: each is handed out once. */
  takeDue(now: number): ReminderEntry[] {
    return this.storage.transactionSync(() => {
      const due: ReminderEntry[] = [];
      const end = `${ENTRY}${String(now + 1).padStart(16, "0")}`;
      for (const [key, entry] of this.kv.list<ReminderEntry>({ prefix: ENTRY, end, limit: MAX_DUE_PER_ALARM })) {
        this.kv.delete(key);
        due.push(entry);
      }
      return due;
    });
  }

  /** Puts an entry back for a later try (a push service asked to retry), unless its task has moved on. */
  requeue(entry: ReminderEntry, at: number): void {
    this.storage.transactionSync(() => {
      const index = this.kv.get<TaskIndex>(TASK + entry.taskId);
      if (!index || index.keys.length === 0) return;
      const key = entryKey(at, entry.taskId);
      this.kv.put<ReminderEntry>(key, { ...entry, fireAt: at, attempt: entry.attempt + 1 });
      this.kv.put<TaskIndex>(TASK + entry.taskId, { ...index, keys: [...index.keys, key] });
    });
  }

  /** How many entries are waiting (tests and diagnostics). */
  pending(): ReminderEntry[] {
    return [...this.kv.list<ReminderEntry>({ prefix: ENTRY })].map(([, entry]) => entry);
  }

  /** Drops the version records of tasks with nothing left to fire, once their time is up. */
  prune(now: number): void {
    this.storage.transactionSync(() => {
      for (const [key, index] of this.kv.list<TaskIndex>({ prefix: TASK })) {
        if (index.until !== undefined && index.until <= now) this.kv.delete(key);
      }
    });
  }

  /** Forgets everything: Postgres says the user has nothing left to remind (a deleted account, say). */
  clear(): void {
    this.storage.transactionSync(() => {
      for (const prefix of [ENTRY, TASK, LEGACY_SUBSCRIPTION]) {
        for (const [key] of this.kv.list({ prefix })) this.kv.delete(key);
      }
    });
  }
}
