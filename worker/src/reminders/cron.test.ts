/**
 * The daily Cron Trigger, in workerd against both databases: it reads every
 * user's reminders of the next 24 hours as the scheduler role (across users,
 * read-only, ADR 0014) and re-sends them to each owner's hub, which changes
 * nothing that had arrived and puts back what had not.
 */
import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { connectingRole } from "../../test/database.ts";
import { createTask, signUpUser, type TestUser, testBindings } from "../../test/harness.ts";
import worker from "../index.ts";
import { SCHEDULER_ROLE } from "./scheduler-queries.ts";

const hubOf = (user: TestUser) => env.USER_HUB.get(env.USER_HUB.idFromName(user.id));
const times = async (user: TestUser) =>
  (await env.USER_HUB.get(env.USER_HUB.idFromName(user.id)).reminderState()).pending.map((entry) => entry.fireAt);

/** Loses a hub's reminders, as if the write's call to it had failed after the commit. */
async function forget(user: TestUser): Promise<void> {
  await runInDurableObject(hubOf(user), (_, state) => {
    for (const [key] of state.storage.kv.list({ prefix: "reminder" })) state.storage.kv.delete(key);
  });
}

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 3 * * *" }), testBindings(), ctx);
  await waitOnExecutionContext(ctx);
}

describe("the daily re-send of reminders", () => {
  // Covers 004 FR-029.
  it("puts back each user's reminders of the next 24 hours that their hub lost, and changes nothing else", async () => {
    const [alice, bob] = await Promise.all([signUpUser("Alice"), signUpUser("Bob")]);
    const soon = new Date(Date.now() + 3 * 3_600_000 - ((Date.now() + 3 * 3_600_000) % 1000)).toISOString();
    const farOff = new Date(Date.now() + 5 * 86_400_000 - (Date.now() % 1000)).toISOString();
    await createTask(alice, { title: "Soon", dueAt: soon, reminders: [{ before: "PT30M" }] });
    await createTask(alice, { title: "Far off", dueAt: farOff, reminders: [{ before: "PT30M" }] });
    await createTask(bob, { title: "Bob's", dueAt: soon, reminders: [{ before: "PT1H" }, { before: "P2D" }] });
    const aliceTimes = [Date.parse(soon) - 1_800_000, Date.parse(farOff) - 1_800_000];
    await vi.waitFor(async () => expect(await times(alice)).toEqual(aliceTimes));
    await vi.waitFor(async () => expect(await times(bob)).toEqual([Date.parse(soon) - 3_600_000]));

    await forget(alice);
    await forget(bob);
    await runCron();
    // Only the next 24 hours are re-sent: the far-off task's reminder waits for a later run.
    expect(await times(alice)).toEqual([Date.parse(soon) - 1_800_000]);
    expect(await times(bob)).toEqual([Date.parse(soon) - 3_600_000]);

    await runCron();
    expect(await times(alice)).toEqual([Date.parse(soon) - 1_800_000]);
  });

  // Covers 004 FR-029.
  it("reads as a role that can neither write nor read what a reminder does not need", async () => {
    const sql = connectingRole();
    const as = (statement: string) =>
      sql.transaction([sql.query(`select set_config('role', '${SCHEDULER_ROLE}', true)`), sql.query(statement)]);
    await expect(as("select description from tasks limit 1")).rejects.toThrow(/permission denied/);
    await expect(as('select email from "user" limit 1')).rejects.toThrow(/permission denied/);
    await expect(as("update tasks set title = 'x' where false")).rejects.toThrow(/permission denied/);
    await expect(as("delete from push_subscriptions where false")).rejects.toThrow(/permission denied/);
    // The hub reads subscriptions as their owner; the daily read needs none (migration 0008).
    await expect(as("select endpoint, p256dh, auth from push_subscriptions limit 1")).rejects.toThrow(
      /permission denied/,
    );
  });
});
