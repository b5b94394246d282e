/**
 * What happens between a reminder falling due and a push service accepting
 * it, in workerd against both databases, with real tokens and the loopback
 * fake push service:
 * - the hub checks the due entries against Postgres first, so nothing is sent
 *   for a deleted account, or a task deleted or completed behind its back, and
 *   a hub with nothing left to remind empties its storage (004 FR-031);
 * - a push service's 429 or 503 is retried, for that browser only, honouring
 *   Retry-After, until it is delivered, exactly once (004 FR-028).
 * - while Postgres cannot be reached nothing is sent, and the reminder waits as
 *   a retry does, then goes out once it can (004 FR-031 and 004 FR-028).
 * Times are not waited for: fireNow moves the waiting entries to now.
 */
import { decodeJwt } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectingRole } from "../../test/database.ts";
import { createTask, deleteAccount, signUpUser, type TestUser } from "../../test/harness.ts";
import { type Listener, listen } from "../../test/live-sockets.ts";
import { alarmOf, alarmUntil, fireNow, fireNowWith, pending, storedKeys, subscribed } from "../../test/reminder-hub.ts";
import { newFaultyDatabase } from "../../test/sql-fault-proxy.ts";

const open: Listener[] = [];
afterEach(() => {
  for (const listener of open.splice(0)) listener.socket.close(1000, "test over");
});

/** A task due in ten minutes, with a reminder five minutes before: planned, and not due while the test runs. */
async function remindedTask(user: TestUser, title: string) {
  const inTen = Date.now() + 10 * 60_000;
  const dueAt = new Date(inTen - (inTen % 1000)).toISOString();
  const task = await createTask(user, { title, dueAt, reminders: [{ before: "PT5M" }] });
  await vi.waitFor(async () => expect((await pending(user)).map((entry) => entry.taskId)).toEqual([task.id]));
  return task;
}

/** The `reminder.due` messages a socket heard (the listener types its messages as task changes). */
const reminderDue = (listener: Listener) =>
  listener.messages.filter((message) => (message as { type: string }).type === "reminder.due");

describe("the check before sending", () => {
  // Covers 004 FR-031, 002 FR-067.
  it("sends nothing for an account deleted as the site deletes it, and empties the hub", async () => {
    const user = await signUpUser();
    const { fake } = await subscribed(user);
    const listener = await listen(user);
    open.push(listener);
    await remindedTask(user, "Secret plans");

    await deleteAccount(user);
    await fireNow(user);

    expect(await fake.received()).toEqual([]);
    expect(await storedKeys(user)).toEqual([]);
    // The open socket's token is still valid until it expires: the alarm is left for that alone.
    expect(await alarmOf(user)).toBe((decodeJwt(user.token).exp ?? 0) * 1000);
    expect(reminderDue(listener)).toEqual([]);
  });

  // Covers 004 FR-031.
  it.each([
    ["deleted", "update tasks set deleted_at = now() where id = $1"],
    ["completed", "update tasks set completed = true, completed_at = now() where id = $1"],
  ])("sends nothing for a task %s without the hub hearing of it", async (_, statement) => {
    const user = await signUpUser();
    const { fake } = await subscribed(user);
    const task = await remindedTask(user, "Changed behind its back");

    // Straight to Postgres, as a write whose call to the hub failed after the commit.
    await connectingRole().query(statement, [task.id]);
    await fireNow(user);

    expect(await fake.received()).toEqual([]);
    expect(await storedKeys(user)).toEqual([]);
    expect(await alarmOf(user)).toBeNull();
  });

  // Covers 004 FR-031.
  it("re-plans a task whose due date moved without the hub hearing of it", async () => {
    const user = await signUpUser();
    const { fake } = await subscribed(user);
    const task = await remindedTask(user, "Moved");
    await connectingRole().query(
      "update tasks set due_at = due_at + interval '1 day', version = version + 1 where id = $1",
      [task.id],
    );
    await fireNow(user);

    expect(await fake.received()).toEqual([]);
    const moved = Date.parse(task.dueAt ?? "") + 86_400_000 - 5 * 60_000;
    expect((await pending(user)).map((entry) => entry.fireAt)).toEqual([moved]);
    expect(await alarmOf(user)).toBe(moved);
  });
});

describe("retries", () => {
  // Covers 004 FR-028, 004 FR-024, 004 FR-030.
  it("retries a 503 and a 429 for those browsers only, honouring Retry-After, and delivers exactly once", async () => {
    const user = await signUpUser();
    const [steady, unavailable, throttled] = await Promise.all([subscribed(user), subscribed(user), subscribed(user)]);
    await unavailable.fake.failNext(1, 503);
    await throttled.fake.failNext(2, 429, 120);
    const listener = await listen(user);
    open.push(listener);
    const dueAt = new Date(Date.now() + 61_000).toISOString();
    await createTask(user, { title: "Retry me", dueAt, reminders: [{ before: "PT1M" }] });

    const firstTry = Date.now();
    // The runtime may ring the alarm itself meanwhile: poll until that try has put the retry back.
    await alarmUntil(
      user,
      async () => {
        expect(await steady.fake.received()).toHaveLength(1);
        expect(await pending(user)).toHaveLength(1);
      },
      20_000,
    );
    const [retry] = await pending(user);
    expect(retry).toMatchObject({ attempt: 1 });
    expect(retry?.only?.toSorted()).toEqual([unavailable.id, throttled.id].toSorted());
    // The longer of the backoff (30 s) and Retry-After (120 s).
    expect(retry?.fireAt).toBeGreaterThanOrEqual(firstTry + 120_000);

    await fireNow(user);
    expect((await pending(user)).map((entry) => [entry.attempt, entry.only])).toEqual([[2, [throttled.id]]]);
    await fireNow(user);
    expect(await pending(user)).toEqual([]);
    await fireNow(user);

    const statuses = async (subscription: typeof steady) => (await subscription.fake.received()).map((m) => m.status);
    expect(await statuses(steady)).toEqual([201]);
    expect(await statuses(unavailable)).toEqual([503, 201]);
    expect(await statuses(throttled)).toEqual([429, 429, 201]);
    for (const subscription of [steady, unavailable, throttled]) {
      const delivered = (await subscription.fake.received()).filter((message) => message.status === 201);
      expect(JSON.parse(delivered[0]?.text ?? "null")).toMatchObject({ title: "Retry me", dueAt });
    }
    // Open pages heard of it once, on the first try.
    await vi.waitFor(() => expect(reminderDue(listener)).toHaveLength(1));
  }, 60_000);

  // Covers 004 FR-031, 004 FR-028.
  it("sends nothing while Postgres cannot be reached, keeps the reminder, and delivers it once it can", async () => {
    const user = await signUpUser();
    const { fake } = await subscribed(user);
    const task = await remindedTask(user, "Through an outage");
    const database = newFaultyDatabase();
    await database.setMode("down");

    const firstTry = Date.now();
    await fireNowWith(user, database.bindings);
    expect((await database.counts()).received, "the hub asked Postgres").toBeGreaterThan(0);
    expect(await fake.received()).toEqual([]);
    const [waiting] = await pending(user);
    expect(waiting).toMatchObject({ taskId: task.id, attempt: 1 });
    expect(waiting?.fireAt).toBeGreaterThanOrEqual(firstTry + 30_000);

    await database.setMode("pass");
    await fireNowWith(user, database.bindings);
    const received = await fake.received();
    expect(received.map((message) => message.status)).toEqual([201]);
    expect(JSON.parse(received[0]?.text ?? "null")).toMatchObject({ title: "Through an outage", dueAt: task.dueAt });
    expect(await pending(user)).toEqual([]);
  });
});
