import { describe, expect, it } from "vitest";
import { bodyOf, countedBindings, createTask, signUpUser, taskOf, tasksOf } from "../../test/harness.ts";

const daily = { dueAt: "2026-06-01T06:00:00Z", repeat: "FREQ=DAILY", timeZone: "Europe/Berlin" };

describe("repeating tasks and round trips", () => {
  // Covers 004 FR-008, 001 FR-023, 001 FR-080.
  it("costs one round trip for a one-off completion, two for a repeating one, one for a refused one", async () => {
    const user = await signUpUser();
    const once = await createTask(user, { title: "Once" });
    const repeating = await createTask(user, { title: "Daily", ...daily });
    const { bindings, roundTrips } = countedBindings();
    const one = taskOf(user, once.id, bindings);
    expect((await one.routes.complete.$patch({ param: one.param, header: {}, json: { completed: true } })).status).toBe(
      200,
    );
    expect(await roundTrips()).toBe(1);
    const two = taskOf(user, repeating.id, bindings);
    const header = { "if-match": '"1"' };
    expect((await two.routes.complete.$patch({ param: two.param, header, json: { completed: true } })).status).toBe(
      200,
    );
    expect(await roundTrips()).toBe(3);
    // The retry with the old version is refused by the first round trip.
    expect((await two.routes.complete.$patch({ param: two.param, header, json: { completed: true } })).status).toBe(
      412,
    );
    expect(await roundTrips()).toBe(4);
  });
});

describe("bulk complete over repeating tasks", () => {
  // Covers 004 FR-011.
  it("moves each series on like a single completion, records it, and completes the one-off tasks", async () => {
    const user = await signUpUser();
    const once = await createTask(user, { title: "Once" });
    const series = await createTask(user, { title: "Daily", ...daily });
    const last = await createTask(user, {
      title: "Last time",
      dueAt: "2026-06-01T06:00:00Z",
      repeat: "FREQ=DAILY;COUNT=1",
      timeZone: "UTC",
    });
    const answer = await tasksOf(user).bulk.$post({
      param: { userId: user.id },
      header: { "idempotency-key": `bulk-${crypto.randomUUID()}` },
      json: { action: "complete" },
    });
    const result = await bodyOf(answer, 200);
    expect(result).toMatchObject({ count: 3, counts: { all: 3, pending: 1, completed: 2 } });

    const get = async (id: string) => {
      const { routes, param } = taskOf(user, id);
      return bodyOf(await routes.$get({ param }), 200);
    };
    expect(await get(once.id)).toMatchObject({ completed: true, version: 2 });
    expect(await get(series.id)).toMatchObject({ completed: false, dueAt: "2026-06-02T06:00:00.000Z", version: 2 });
    expect(await get(last.id)).toMatchObject({ completed: true, dueAt: "2026-06-01T06:00:00.000Z", version: 2 });
    const { routes, param } = taskOf(user, series.id);
    const { items } = await bodyOf(await routes.completions.$get({ param }), 200);
    expect(items.map((item) => item.dueAt)).toEqual(["2026-06-01T06:00:00.000Z"]);

    // Again: the series is open again and moves on once more; the rest are done.
    const again = await bodyOf(
      await tasksOf(user).bulk.$post({ param: { userId: user.id }, header: {}, json: { action: "complete" } }),
      200,
    );
    expect(again.count).toBe(1);
    expect(await get(series.id)).toMatchObject({ dueAt: "2026-06-03T06:00:00.000Z", version: 3 });
  });

  // Covers 004 FR-011.
  it("replays a keyed bulk completion's count, series included, without moving them again", async () => {
    const user = await signUpUser();
    const series = await createTask(user, { title: "Daily", ...daily });
    await createTask(user, { title: "Once" });
    const key = `bulk-${crypto.randomUUID()}`;
    const send = () =>
      tasksOf(user).bulk.$post({
        param: { userId: user.id },
        header: { "idempotency-key": key },
        json: { action: "complete" },
      });
    expect((await bodyOf(await send(), 200)).count).toBe(2);
    const replay = await send();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await bodyOf(replay, 200)).count).toBe(2);
    const { routes, param } = taskOf(user, series.id);
    expect(await bodyOf(await routes.$get({ param }), 200)).toMatchObject({
      dueAt: "2026-06-02T06:00:00.000Z",
      version: 2,
    });
  });
});
