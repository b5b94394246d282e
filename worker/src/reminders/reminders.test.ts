/**
 * Issue 15's delivery, in workerd against both databases: a reminder is
 * planned in the user's hub by the write that sets it, the hub's alarm is set
 * to its time, and when that comes it reaches the loopback fake push service
 * once (VAPID verified, decrypted with the subscription's keys) and the
 * user's open pages; a push service's 404 or 410 deletes the subscription.
 * Retries and the check against Postgres before sending: delivery.test.ts.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearer, createTask, request, signUpUser, taskOf, tasksOf } from "../../test/harness.ts";
import { type Listener, listen } from "../../test/live-sockets.ts";
import { alarmOf, alarmUntil, hubOf, pending, subscribed } from "../../test/reminder-hub.ts";

const open: Listener[] = [];
afterEach(() => {
  for (const listener of open.splice(0)) listener.socket.close(1000, "test over");
});

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
  it.each([404, 410] as const)(
    "deletes a subscription whose push service answers %i, in Postgres",
    async (status) => {
      const user = await signUpUser();
      const { fake, id } = await subscribed(user);
      await fake.answerWith(status);
      const dueAt = new Date(Date.now() + 61_000).toISOString();
      await createTask(user, { title: "Gone", dueAt, reminders: [{ before: "PT1M" }] });
      await alarmUntil(user, async () => expect(await fake.received()).toHaveLength(1), 20_000);
      // Postgres no longer has it: deleting it again is a 404, and the next reminder is not sent to it.
      const again = await request(`/api/${user.id}/push-subscriptions/${id}`, bearer(user, { method: "DELETE" }));
      expect(again.status).toBe(404);
    },
    60_000,
  );

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

  // Covers 004 FR-027.
  it("re-reads the user's reminders after a bulk action too large to list its changes", async () => {
    const user = await signUpUser();
    const inADay = Date.now() + 86_400_000;
    const dueAt = new Date(inADay - (inADay % 1000)).toISOString();
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          createTask(user, { title: `Task ${batch}-${n}`, dueAt, reminders: [{ before: "PT5M" }] }),
        ),
      );
    }
    await vi.waitFor(async () => expect(await pending(user)).toHaveLength(110), { timeout: 10_000 });
    const bulk = tasksOf(user).bulk;
    const complete = await bulk.$post({ param: { userId: user.id }, header: {}, json: { action: "complete" } });
    expect(complete.status).toBe(200);
    await vi.waitFor(async () => expect(await pending(user)).toEqual([]), { timeout: 10_000 });
    const reopen = await bulk.$post({ param: { userId: user.id }, header: {}, json: { action: "reopen" } });
    expect(reopen.status).toBe(200);
    await vi.waitFor(async () => expect(await pending(user)).toHaveLength(110), { timeout: 10_000 });
  }, 60_000);

  // Covers 004 FR-027.
  it("ignores an older change that arrives after a newer one", async () => {
    const user = await signUpUser();
    const taskId = crypto.randomUUID();
    const dueAt = new Date(Date.now() + 86_400_000 - (Date.now() % 1000)).toISOString();
    const task = (version: number) => ({
      id: taskId,
      title: "Late",
      description: null,
      completed: false,
      completedAt: null,
      priority: "none" as const,
      tags: [],
      dueAt,
      repeat: null,
      timeZone: null,
      repeatFrom: "due" as const,
      reminders: [{ before: "PT10M" }],
      createdAt: dueAt,
      updatedAt: dueAt,
      version,
    });
    const hub = hubOf(user);
    await hub.publish([{ type: "task.deleted", id: taskId, version: 3, cursor: "3" }], user.id);
    await hub.publish([{ type: "task.updated", id: taskId, version: 2, task: task(2), cursor: "2" }], user.id);
    expect(await pending(user)).toEqual([]);
    // A restore keeps the deleted task's version, and is applied.
    await hub.publish([{ type: "task.created", id: taskId, version: 3, task: task(3), cursor: "4" }], user.id);
    expect((await pending(user)).map((entry) => entry.fireAt)).toEqual([Date.parse(dueAt) - 600_000]);
  });

  // Covers 004 FR-027.
  it("moves a repeating task's reminders to its next occurrence when it is completed", async () => {
    const user = await signUpUser();
    const inADay = Date.now() + 86_400_000;
    const dueAt = new Date(inADay - (inADay % 60_000)).toISOString();
    const task = await createTask(user, {
      title: "Weekly",
      dueAt,
      repeat: "FREQ=WEEKLY",
      timeZone: "UTC",
      reminders: [{ before: "PT15M" }],
    });
    const times = async () => (await pending(user)).map((entry) => entry.fireAt);
    await vi.waitFor(async () => expect(await times()).toEqual([Date.parse(dueAt) - 900_000]));
    const { routes, param } = taskOf(user, task.id);
    const completed = await routes.complete.$patch({ param, header: {}, json: { completed: true } });
    expect(completed.status).toBe(200);
    const next = Date.parse(dueAt) + 7 * 86_400_000;
    await vi.waitFor(async () => expect(await times()).toEqual([next - 900_000]));
    expect(await alarmOf(user)).toBe(next - 900_000);
  });
});
