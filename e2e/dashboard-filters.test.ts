/**
 * Issue 18's "done when", in Chromium with the browser in Europe/Berlin:
 * filters and views in the URL, rendered by the server; tag chips that
 * filter; Today and Upcoming; quick add. The server's state is read through
 * the API. Tasks are dated relative to now, in Berlin days.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays, instantOf, wallClock } from "../web/src/components/tasks/quick-add/zoned-time.ts";
import { dayStart } from "../web/src/components/tasks/view-query.ts";
import {
  API,
  apiAccessOf,
  expectAccessible,
  SITE,
  screenshot,
  sharedBrowser,
  signedUpVisitor,
  unexpectedBrowserErrors,
} from "./browser.ts";

const BERLIN = "Europe/Berlin";
const SLOW = { timeout: 30_000 };
const HOUR = 3_600_000;

const browser = sharedBrowser();
let context: BrowserContext;
let page: Page;
let api: { token: string; userId: string };

beforeEach(async () => {
  ({ context, page } = await signedUpVisitor(browser(), "Filter", { timezoneId: BERLIN }));
  // Hydrated once, so the island has told the server the browser's time zone (the tz cookie).
  await hydrated();
  api = await apiAccessOf(page);
});

afterEach(async () => {
  await context?.close();
  expect(unexpectedBrowserErrors([401, 404, 412, 422, 429, 503])).toEqual([]);
});

async function hydrated() {
  await expect.poll(() => page.getByRole("button", { name: "Keyboard shortcuts" }).isEnabled(), SLOW).toBe(true);
}

/** A call to the API as the person, from the test (not the page). */
async function call(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${api.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${API}/api/${api.userId}/tasks${path}`, { ...init, headers });
}

interface ServerTask {
  id: string;
  title: string;
  tags: string[];
  priority: string;
  dueAt: string | null;
  completed: boolean;
}

async function serverTasks(): Promise<ServerTask[]> {
  return ((await (await call("?limit=200")).json()) as { items: ServerTask[] }).items;
}

/** `hours` after the start of the Berlin day `days` from today. */
const dueIn = (days: number, hours: number) =>
  new Date(Date.parse(dayStart(Date.now(), BERLIN, days)) + hours * HOUR).toISOString();

/** Tasks with every kind of filterable field, created through the API. */
async function seed() {
  const tasks = [
    { title: "Buy milk", tags: ["home"], priority: "low" },
    { title: "Water plants", tags: ["home", "garden"], dueAt: dueIn(3, 10) },
    { title: "Write report", tags: ["work"], priority: "high", dueAt: dueIn(-1, 12) },
    { title: "Book flights", tags: ["work"], priority: "medium", dueAt: dueIn(1, 10) },
    { title: "Due tonight", dueAt: dueIn(0, 23.99) },
    { title: "Far away", dueAt: dueIn(10, 10) },
    { title: "Done already", dueAt: dueIn(0, 23.99), completed: true },
  ];
  for (const { completed, ...task } of tasks) {
    const response = await call("", { method: "POST", body: JSON.stringify(task) });
    const created = (await response.json()) as ServerTask;
    if (completed) {
      await call(`/${created.id}/complete`, { method: "PATCH", body: JSON.stringify({ completed: true }) });
    }
  }
}

/** The titles of the tasks listed, in order, under every heading. */
const titles = () =>
  page
    .getByRole("main")
    .locator("ul.task-list")
    .getByRole("checkbox")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));

async function open(search: string) {
  await page.goto(`${SITE}/tasks${search}`);
  await hydrated();
}

describe("filters in the URL", () => {
  // Covers 003 FR-005, 003 FR-034.
  it("renders /tasks?tag=home with only home tasks in the first HTML, and shows the filter as a removable chip", async () => {
    await seed();
    const html = await (await context.request.get(`${SITE}/tasks?tag=home`)).text();
    expect(html).toContain("Buy milk");
    expect(html).toContain("Water plants");
    expect(html).not.toContain("Write report");

    await open("?tag=home");
    expect((await titles()).sort()).toEqual(["Buy milk", "Water plants"]);
    await expectAccessible(page, "filtered by tag");
    await screenshot(page, "filters-tag-home");

    await page.getByRole("link", { name: "Remove filter #home" }).click();
    await page.waitForURL(`${SITE}/tasks`);
    await expect.poll(async () => (await titles()).length).toBe(7);
  });

  // Covers 003 FR-009, 003 FR-034.
  it("narrows to work when a #work chip is clicked, puts tag=work in the URL, and Back undoes it", async () => {
    await seed();
    await open("");
    await page.getByRole("link", { name: "Show tasks tagged #work" }).first().click();
    await page.waitForURL(/[?&]tag=work/);
    await expect.poll(async () => (await titles()).sort()).toEqual(["Book flights", "Write report"]);
    await page.goBack();
    await expect.poll(async () => (await titles()).length).toBe(7);
  });

  // Covers 003 FR-034.
  it("shows only high-priority tasks at /tasks?priority=high, and combines filters", async () => {
    await seed();
    await open("?priority=high");
    expect(await titles()).toEqual(["Write report"]);
    const high = page.getByRole("navigation", { name: "Priority" }).getByRole("link", { name: "High priority" });
    expect(await high.getAttribute("aria-current")).toBe("page");

    // From the keyboard: the filters are links.
    await page.getByRole("navigation", { name: "Due" }).getByRole("link", { name: "Overdue" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/priority=high&due=overdue/);
    await expect.poll(titles).toEqual(["Write report"]);
    await page.getByRole("link", { name: "Remove filter High priority" }).click();
    await page.waitForURL(/\?due=overdue$/);
    await expect.poll(titles).toEqual(["Write report"]);
    await expectAccessible(page, "priority and due filters");
  });

  // Covers 003 FR-033, 003 FR-034.
  it("marks complete only the tasks the filters select", async () => {
    await seed();
    await open("?tag=home");
    await page.getByLabel("Mark all as complete").check();
    await expect
      .poll(
        async () =>
          (await serverTasks())
            .filter((t) => t.completed)
            .map((t) => t.title)
            .sort(),
        SLOW,
      )
      .toEqual(["Buy milk", "Done already", "Water plants"]);
  });
});

// Covers 003 FR-035.
describe("views", () => {
  it("lists the overdue and today's open tasks at /tasks?view=today, overdue first", async () => {
    await seed();
    await open("?view=today");
    expect(await titles()).toEqual(["Write report", "Due tonight"]);
    await page.getByRole("heading", { name: "Overdue" }).waitFor();
    const views = page.getByRole("navigation", { name: "Views" });
    expect(await views.getByRole("link", { name: /^Today/ }).getAttribute("aria-current")).toBe("page");
    await expect.poll(() => views.getByRole("link", { name: "Upcoming (2)" }).count()).toBe(1);
    await expectAccessible(page, "today view");
    await screenshot(page, "view-today");
  });

  it("lists the next 7 days under day headings at /tasks?view=upcoming", async () => {
    await seed();
    await open("?view=upcoming");
    expect(await titles()).toEqual(["Book flights", "Water plants"]);
    const tomorrow = page.getByRole("list", { name: "Tomorrow" });
    expect(await tomorrow.getByRole("checkbox").getAttribute("aria-label")).toBe("Book flights");
    const inThree = new Intl.DateTimeFormat("en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: BERLIN,
    })
      .format(Date.parse(dueIn(3, 10)))
      .replace(",", "");
    await page.getByRole("heading", { name: inThree }).waitFor();
    await expectAccessible(page, "upcoming view");
    await screenshot(page, "view-upcoming");

    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, "upcoming view at 320 px, dark");
    await screenshot(page, "view-upcoming-phone-dark");
  });
});

// Covers 003 FR-037.
describe("quick add", () => {
  it("creates “Pay rent”, due tomorrow 09:00 Berlin time, tagged home, high priority", async () => {
    const box = page.getByLabel("New task");
    await box.pressSequentially("Pay rent tomorrow 9am #home !high");
    const understood = page.getByRole("list", { name: "Understood" });
    for (const name of [
      "Remove due date Tomorrow",
      "Remove due time 09:00",
      "Remove tag #home",
      "Remove priority High priority",
    ]) {
      await understood.getByRole("button", { name }).waitFor();
    }
    await expectAccessible(page, "quick add chips");
    await screenshot(page, "quick-add-chips");
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "quick-add-chips-phone-light");
    await box.press("Enter");

    const today = wallClock(Date.now(), BERLIN).date;
    const nine = new Date(instantOf(addDays(today, 1), { hour: 9, minute: 0 }, BERLIN)).toISOString();
    await expect
      .poll(
        async () => (await serverTasks()).map(({ title, tags, priority, dueAt }) => ({ title, tags, priority, dueAt })),
        SLOW,
      )
      .toEqual([{ title: "Pay rent", tags: ["home"], priority: "high", dueAt: nine }]);
  });

  it("keeps a removed chip's words in the title", async () => {
    const box = page.getByLabel("New task");
    await box.pressSequentially("Call mum !low");
    // From the keyboard: the chip is a button, and focus goes back to the box.
    await page.getByRole("button", { name: "Remove priority Low priority" }).focus();
    await page.keyboard.press("Enter");
    expect(await box.inputValue()).toBe('Call mum "!low"');
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await serverTasks()).map((t) => [t.title, t.priority]), SLOW)
      .toEqual([["Call mum !low", "none"]]);
  });
});
