/**
 * Issue 15's delivery, in workerd against both databases: a reminder is
 * planned in the user's hub by the write that sets it, the hub's alarm is set
 * to its time, and when that comes it reaches the loopback fake push service
 * once (VAPID verified, decrypted with the subscription's keys) and the
 * user's open pages; a push service's 410 deletes the subscription.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearer, createTask, jsonBody, request, signUpUser, type TestUser, taskOf } from "../../test/harness.ts";
import { type Listener, listen } from "../../test/live-sockets.ts";
import { type FakeSubscription, newFakeSubscription } from "../../test/push-service-client.ts";

const open: Listener[] = [];
afterEach(() => {
  for (const listener of open.splice(0)) listener.socket.close(1000, "test over");
});

const hubOf = (user: TestUser) => env.USER_HUB.get(env.USER_HUB.idFromName(user.id));
const pending = async (user: TestUser) =>
  (await env.USER_HUB.get(env.USER_HUB.idFromName(user.id)).reminderState()).pending;
const alarmOf = (user: TestUser) => runInDurableObject(hubOf(user), (_, state) => state.storage.getAlarm());

async function subscribed(user: TestUser): Promise<{ fake: FakeSubscription; id: string }> {
  const fake = await newFakeSubscription(env.VAPID_PUBLIC_KEY);
  const response = await request(`/api/${user.id}/push-subscriptions`, bearer(user, jsonBody(fake.json)));
  expect(response.status).toBe(201);
  return { fake, id: ((await response.json()) as { id: string }).id };
}

/** Runs the hub's alarm until `done` holds: early runs send nothing and set the alarm again. */
async function alarmUntil(user: TestUser, done: () => Promise<void>, timeout: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(hubOf(user));
      await done();
    },
    { timeout, interval: 250 },
  );
}

describe("reminders", () => {
  // Covers 004 FR-027, 004 FR-028, 004 FR-030, 004 FR-021, 004 FR-020.
  it("sends a reminder one minute before a task due in 80 s, once, naming the task, to push and the open page", async () => {
    const user = await signUpUser();
    const { fake } = await subscribed(user);
    const listener = await listen(user);
    open.push(listener);
    const dueAt = new Date(Math.ceil((Date.now() + 80_000) / 1000) * 1000).toISOString();
    const task = await createTask(user, { title: "Call the dentist", dueAt, reminders: [{ before: "PT1M" }] });
    const fireAt = Date.parse(dueAt) - 60_000;

    // The write planned it, and the hub's one alarm is set to its time exactly.
    await vi.waitFor(async () => expect((await pending(user)).map((entry) => entry.fireAt)).toEqual([fireAt]));
    expect(await alarmOf(user)).toBe(fireAt);

    // Within seconds of its time (bounded, polled): one message at the fake push service.
    await alarmUntil(user, async () => expect(await fake.received()).toHaveLength(1), fireAt - Date.now() + 15_000);
    const [message] = await fake.received();
    expect(message).toMatchObject({
      status: 201,
      urgency: "high",
      topic: task.id.replaceAll("-", ""),
      vapid: { ok: true, publicKey: env.VAPID_PUBLIC_KEY },
    });
    if (!message?.vapid.ok || message.text === null) throw new Error("not verified or not decrypted");
    expect(message.vapid.claims.aud).toBe(new URL(fake.json.endpoint).origin);
    expect(message.vapid.claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(Number(message.ttl)).toBeGreaterThanOrEqual(60);
    expect(JSON.parse(message.text)).toEqual({
      taskId: task.id,
      title: "Call the dentist",
      dueAt,
      url: `/tasks?task=${task.id}`,
    });
    await vi.waitFor(() =>
      expect(listener.messages).toContainEqual({
        type: "reminder.due",
        taskId: task.id,
        title: "Call the dentist",
        dueAt,
      }),
    );

    // Delivered once: another alarm sends nothing more, and nothing is left to send.
    await runDurableObjectAlarm(hubOf(user));
    expect(await fake.received()).toHaveLength(1);
    expect(await pending(user)).toEqual([]);
  }, 120_000);

  // Covers 004 FR-028, 004 FR-024.
  it("deletes a subscription whose push service answers 410, in the hub and in Postgres", async () => {
    const user = await signUpUser();
    const { fake, id } = await subscribed(user);
    await fake.answerWith(410);
    const dueAt = new Date(Date.now() + 61_000).toISOString();
    await createTask(user, { title: "Gone", dueAt, reminders: [{ before: "PT1M" }] });
    await alarmUntil(
      user,
      async () =>
        expect((await env.USER_HUB.get(env.USER_HUB.idFromName(user.id)).reminderState()).subscriptions).toEqual([]),
      20_000,
    );
    expect(await fake.received()).toHaveLength(1);
    // Postgres no longer has it either: deleting it again is a 404.
    const again = await request(`/api/${user.id}/push-subscriptions/${id}`, bearer(user, { method: "DELETE" }));
    expect(again.status).toBe(404);
  }, 60_000);

  // Covers 004 FR-027.
  it("re-plans on every change to the due date, the reminders, completion and deletion", async () => {
    const user = await signUpUser();
    const inTwoDays = Date.now() + 2 * 86_400_000;
    const dueAt = new Date(inTwoDays - (inTwoDays % 1000)).toISOString();
    const task = await createTask(user, {
      title: "Plan",
      dueAt,
      reminders: [{ before: "PT15M" }, { before: "PT1H" }],
    });
    const times = async () => (await pending(user)).map((entry) => entry.fireAt);
    const due = Date.parse(dueAt);
    await vi.waitFor(async () => expect(await times()).toEqual([due - 3_600_000, due - 900_000]));
    expect(await alarmOf(user)).toBe(due - 3_600_000);

    const { routes, param } = taskOf(user, task.id);
    const later = new Date(due + 86_400_000).toISOString();
    const moved = await routes.$put({
      param,
      header: {},
      json: { title: "Plan", dueAt: later, reminders: [{ before: "PT15M" }] },
    });
    expect(moved.status).toBe(200);
    await vi.waitFor(async () => expect(await times()).toEqual([Date.parse(later) - 900_000]));

    expect((await routes.complete.$patch({ param, header: {}, json: { completed: true } })).status).toBe(200);
    await vi.waitFor(async () => expect(await times()).toEqual([]));
    expect((await routes.complete.$patch({ param, header: {}, json: { completed: false } })).status).toBe(200);
    await vi.waitFor(async () => expect(await times()).toEqual([Date.parse(later) - 900_000]));

    expect((await routes.$delete({ param, header: {} })).status).toBe(204);
    await vi.waitFor(async () => expect(await times()).toEqual([]));
    expect(await alarmOf(user)).toBeNull();
  });
});
