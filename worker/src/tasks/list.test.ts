import { describe, expect, it } from "vitest";
import {
  bearer,
  createTask,
  type NewTask,
  type Problem,
  request,
  signUpUser,
  type TaskList,
  type TestUser,
} from "../../test/harness.ts";

/** Lists with a query string as written (the tests spell out cursors, encodings and bad values); typed by the route. */
async function list(user: TestUser, query: string) {
  const response = await request(`/api/${user.id}/tasks?${query}`, bearer(user));
  expect(response.status, await response.clone().text()).toBe(200);
  return { body: (await response.json()) as TaskList, link: response.headers.get("link") };
}

/** Follows nextCursor to the end, returning every title in order. */
async function everyPage(user: TestUser, query: string, during?: () => Promise<unknown>) {
  const titles: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { body } = await list(user, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    titles.push(...body.items.map((t) => t.title));
    cursor = body.nextCursor;
    pages++;
    await during?.();
  } while (cursor && pages < 100);
  return titles;
}

const DAY = 24 * 60 * 60 * 1000;

/** Three dozen tasks with every combination the filters care about. */
async function seed(user: TestUser) {
  const now = Date.now();
  const priorities = ["none", "low", "medium", "high"] as const;
  for (let i = 0; i < 36; i++) {
    const body: NewTask = {
      title: `Task ${String(i).padStart(2, "0")}${i % 9 === 0 ? " about Milk_50%" : ""}`,
      priority: priorities[i % 4],
      tags: i % 3 === 0 ? ["home"] : i % 3 === 1 ? ["work", "urgent"] : [],
    };
    if (i % 4 === 1) body.dueAt = new Date(now - (i + 1) * DAY).toISOString(); // past
    if (i % 4 === 2) body.dueAt = new Date(now + 60 * 60 * 1000).toISOString(); // within the hour
    if (i % 4 === 3) body.dueAt = new Date(now + 30 * DAY).toISOString(); // next month
    const task = await createTask(user, body);
    if (i % 5 === 0) {
      await request(`/api/${user.id}/tasks/${task.id}/complete`, bearer(user, { method: "PATCH" }));
    }
  }
}

describe("listing tasks", () => {
  // Covers 001 FR-038, 001 FR-041.
  it("filters by status, priority, tag, search and due date, with counts on the first page", async () => {
    const user = await signUpUser();
    await seed(user);

    const all = await list(user, "limit=200");
    expect(all.body.items).toHaveLength(36);
    expect(all.body.counts).toEqual({ all: 36, pending: 28, completed: 8 });

    const pending = await list(user, "status=pending&limit=200");
    expect(pending.body.items.every((t) => !t.completed)).toBe(true);
    expect(pending.body.items).toHaveLength(28);
    // Counts describe the other filters, across statuses, so a UI can label its tabs.
    expect(pending.body.counts).toEqual({ all: 36, pending: 28, completed: 8 });

    const high = await list(user, "priority=high&limit=200");
    expect(high.body.items.map((t) => t.priority)).toEqual(Array(9).fill("high"));

    const work = await list(user, "tag=WORK&limit=200");
    expect(work.body.items).toHaveLength(12);
    expect(work.body.items.every((t) => t.tags.includes("work"))).toBe(true);

    const search = await list(user, `q=${encodeURIComponent("milk_50%")}&limit=200`);
    expect(search.body.items.map((t) => t.title).sort()).toEqual([
      "Task 00 about Milk_50%",
      "Task 09 about Milk_50%",
      "Task 18 about Milk_50%",
      "Task 27 about Milk_50%",
    ]);
    // LIKE wildcards in the search are literal characters.
    expect((await list(user, `q=${encodeURIComponent("k_5")}`)).body.items).toHaveLength(4);
    expect((await list(user, `q=${encodeURIComponent("%")}`)).body.items).toHaveLength(4);

    const overdue = await list(user, "due=overdue&limit=200");
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((t) => t.dueAt && Date.parse(t.dueAt) < Date.now() && !t.completed)).toBe(true);

    const week = await list(user, "due=week&limit=200");
    expect(week.body.items.every((t) => t.dueAt && Date.parse(t.dueAt) > Date.now() - DAY)).toBe(true);
    expect(week.body.items.length).toBe(9);

    const none = await list(user, "due=none&limit=200");
    expect(none.body.items).toHaveLength(9);
    expect(none.body.items.every((t) => t.dueAt === null)).toBe(true);

    const soon = await list(
      user,
      `dueAfter=${encodeURIComponent(new Date().toISOString())}&dueBefore=${encodeURIComponent(new Date(Date.now() + 2 * DAY).toISOString())}&limit=200`,
    );
    expect(soon.body.items).toHaveLength(9);
  });

  // Covers 001 FR-039.
  it("sorts by each key in both orders, every page in order, none skipped or repeated", async () => {
    const user = await signUpUser();
    await seed(user);
    for (const sort of ["created", "updated", "title", "due", "priority"]) {
      for (const order of ["asc", "desc"]) {
        const paged = await everyPage(user, `sort=${sort}&order=${order}&limit=7`);
        const whole = (await list(user, `sort=${sort}&order=${order}&limit=200`)).body.items.map((t) => t.title);
        expect(paged, `${sort} ${order}`).toEqual(whole);
        expect(new Set(paged).size).toBe(36);
      }
    }
    const byTitle = (await list(user, "sort=title&order=asc&limit=3")).body.items.map((t) => t.title);
    expect(byTitle).toEqual(["Task 00 about Milk_50%", "Task 01", "Task 02"]);
    const byPriority = (await list(user, "sort=priority&limit=200")).body.items.map((t) => t.priority);
    expect(byPriority.indexOf("none")).toBeGreaterThan(byPriority.lastIndexOf("high"));
  });

  // Covers 001 FR-040.
  it("pages with nextCursor and a Link header, and tasks added meanwhile do not disturb the pages", async () => {
    const user = await signUpUser();
    for (let i = 0; i < 12; i++) await createTask(user, { title: `Existing ${i}` });
    const first = await list(user, "limit=5");
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.link).toMatch(/^<\/api\/[^>]+cursor=[^>]+>; rel="next"$/);

    let added = 0;
    const titles = await everyPage(user, "limit=5", async () => {
      await createTask(user, { title: `Added meanwhile ${added++}` });
    });
    const existing = titles.filter((t) => t.startsWith("Existing"));
    expect(existing).toHaveLength(12);
    expect(new Set(titles).size).toBe(titles.length);
    expect((await list(user, "limit=200")).body.items.length).toBe(12 + added);
  });

  // Covers 001 FR-040.
  it("refuses a forged cursor, or one made for another sort, with 422", async () => {
    const user = await signUpUser();
    for (let i = 0; i < 3; i++) await createTask(user, { title: `T${i}` });
    const { body } = await list(user, "limit=1&sort=title");
    for (const query of [
      `cursor=${encodeURIComponent(body.nextCursor ?? "")}&sort=created&limit=1`,
      "cursor=not-a-cursor",
      `cursor=${btoa('["title","asc","x","not-a-uuid"]')}&sort=title`,
    ]) {
      const response = await request(`/api/${user.id}/tasks?${query}`, bearer(user));
      expect(response.status, query).toBe(422);
    }
  });

  // Covers 001 FR-005.
  it("rejects unknown or invalid query parameters, listing each", async () => {
    const user = await signUpUser();
    const response = await request(`/api/${user.id}/tasks?limit=0&sort=colour&tz=Mars/Base&bogus=1`, bearer(user));
    expect(response.status).toBe(422);
    const { errors = [] } = (await response.json()) as Problem;
    expect(errors.map((e) => e.pointer).sort()).toEqual([
      "#/query/bogus",
      "#/query/limit",
      "#/query/sort",
      "#/query/tz",
    ]);
  });
});

describe("time zones for due dates", () => {
  // Covers 001 FR-049.
  it("accepts IANA names and refuses UTC offsets, which Postgres would read backwards", async () => {
    const user = await signUpUser();
    expect((await request(`/api/${user.id}/tasks?due=today&tz=Europe/Paris`, bearer(user))).status).toBe(200);
    for (const tz of ["+01:00", "-0530", "UTC+2", "GMT-3"]) {
      const response = await request(`/api/${user.id}/tasks?due=today&tz=${encodeURIComponent(tz)}`, bearer(user));
      expect(response.status, tz).toBe(422);
    }
  });

  // Covers 001 FR-038, 001 FR-049.
  it("counts 'today' in the person's own time zone", async () => {
    const user = await signUpUser();
    // Due in three hours: today somewhere, but it may be tomorrow in a zone ahead of UTC.
    const due = new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString();
    await createTask(user, { title: "Soon", dueAt: due });
    for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
      const localDate = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(d);
      const expected = localDate(new Date(due)) === localDate(new Date()) ? 1 : 0;
      const { body } = await list(user, `due=today&tz=${encodeURIComponent(tz)}`);
      expect(body.items.length, tz).toBe(expected);
    }
  });
});
