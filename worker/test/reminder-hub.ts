/**
 * A user's hub as the reminder tests see it (ADR 0014): its book, its alarm
 * and its storage, read through the runtime's Durable Object hooks, and a
 * subscription at the loopback fake push service. Times are never waited
 * for: a test moves the waiting entries to now and runs the alarm itself.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import type { Bindings } from "../src/env.ts";
import { HubReminders } from "../src/reminders/hub-reminders.ts";
import type { ReminderEntry } from "../src/reminders/reminder-book.ts";
import { bearer, jsonBody, request, type TestUser } from "./harness.ts";
import { type FakeSubscription, newFakeSubscription } from "./push-service-client.ts";

export const hubOf = (user: TestUser) => env.USER_HUB.get(env.USER_HUB.idFromName(user.id));

/** The entries waiting in the user's hub, in fire order. */
export const pending = async (user: TestUser) => (await hubOf(user).reminderState()).pending;

/** When the hub's one alarm is set for, or null. */
export const alarmOf = (user: TestUser) => runInDurableObject(hubOf(user), (_, state) => state.storage.getAlarm());

/** Every key in the hub's storage. */
export const storedKeys = (user: TestUser) =>
  runInDurableObject(hubOf(user), (_, state) => [...state.storage.kv.list()].map(([key]) => key));

/** Subscribes a new fake browser for `user` through the API; the fake and the subscription's id. */
export async function subscribed(user: TestUser): Promise<{ fake: FakeSubscription; id: string }> {
  const fake = await newFakeSubscription(env.VAPID_PUBLIC_KEY);
  const response = await request(`/api/${user.id}/push-subscriptions`, bearer(user, jsonBody(fake.json)));
  expect(response.status).toBe(201);
  return { fake, id: ((await response.json()) as { id: string }).id };
}

/** Runs the hub's alarm until `done` holds: early runs send nothing and set the alarm again. */
export async function alarmUntil(user: TestUser, done: () => Promise<void>, timeout: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(hubOf(user));
      await done();
    },
    { timeout, interval: 250 },
  );
}

/**
 * Makes every waiting entry due now (a first try or a retry after its backoff), as the clock would.
 * Rewrites the book's keys (`reminder:<fireAt, 16 digits>:<taskId>`).
 */
function makeDue(state: DurableObjectState): void {
  const now = Date.now();
  for (const [key, entry] of state.storage.kv.list<ReminderEntry>({ prefix: "reminder:" })) {
    state.storage.kv.delete(key);
    state.storage.kv.put(`reminder:${String(now).padStart(16, "0")}:${entry.taskId}`, { ...entry, fireAt: now });
  }
}

/** Makes every waiting entry due now, then runs the alarm once. */
export async function fireNow(user: TestUser): Promise<void> {
  await runInDurableObject(hubOf(user), (_, state) => makeDue(state));
  await runDurableObjectAlarm(hubOf(user));
}

/**
 * As fireNow, but the hub's reminder half runs on the hub's own storage with other bindings (its
 * database behind the fault proxy, say); open pages hear nothing, and the alarm is left as it was.
 */
export async function fireNowWith(user: TestUser, bindings: Bindings): Promise<void> {
  await runInDurableObject(hubOf(user), async (_, state) => {
    makeDue(state);
    await new HubReminders(state, bindings, () => undefined).fire(Date.now());
  });
}
