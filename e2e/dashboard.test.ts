/**
 * The dashboard in a real browser: TodoMVC behaviour and beyond, found by
 * role and accessible name, with axe checking each state for WCAG 2.2 AA.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

const browser = sharedBrowser();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  ({ context, page } = await signedUpVisitor(browser(), "Dash"));
  await hydrated();
});

afterEach(async () => {
  await context?.close();
  // Refusals the tests provoke on purpose show up as failed loads; nothing else may.
  expect(unexpectedBrowserErrors([401, 404, 412, 422, 429, 503])).toEqual([]);
});

/** Hydration can take seconds on a busy machine; expect.poll's default second is too short for it. */
async function hydrated() {
  await expect
    .poll(() => page.getByRole("button", { name: "Keyboard shortcuts" }).isEnabled(), { timeout: 30_000 })
    .toBe(true);
}

const tasks = () => page.getByRole("list", { name: "Tasks" });
const checkbox = (title: string) => tasks().getByRole("checkbox", { name: title, exact: true });

async function add(...titles: string[]) {
  for (const title of titles) {
    await page.getByLabel("New task").fill(title);
    await page.getByLabel("New task").press("Enter");
    await checkbox(title.trim()).waitFor();
  }
  // Wait until the server has the last one (its checkbox is enabled once it has an id).
  await expect.poll(() => checkbox((titles.at(-1) ?? "").trim()).isEnabled()).toBe(true);
}

/** The person's access token, as the page itself gets it. */
function tokenAndUser(): Promise<{ token: string; userId: string }> {
  return apiAccessOf(page);
}

describe("the dashboard", () => {
  // Covers 003 FR-010, 003 FR-012, 003 FR-015, 003 FR-016.
  it("adds with Enter (trimmed, empty refused), counts items left, toggles and clears completed", async () => {
    await expectAccessible(page, "empty list");
    await add("  Buy milk  ", "Call mum", "Book dentist");
    await page.getByLabel("New task").fill("   ");
    await page.getByLabel("New task").press("Enter");
    await expect.poll(() => tasks().getByRole("checkbox").count()).toBe(3);
    await expect.poll(() => page.getByText("3 items left").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Clear completed" }).count()).toBe(0);

    await checkbox("Call mum").check();
    await expect.poll(() => page.getByText("2 items left").isVisible()).toBe(true);
    await checkbox("Book dentist").check();
    await expect.poll(() => page.getByText("1 item left").isVisible()).toBe(true);
    await expectAccessible(page, "full list");
    await screenshot(page, "dashboard-list");

    await page.getByRole("button", { name: "Clear completed" }).click();
    await expect.poll(() => tasks().getByRole("checkbox").count()).toBe(1);
    await page.getByRole("button", { name: "Undo" }).waitFor();

    await page.getByLabel("Mark all as complete").check();
    await expect.poll(() => checkbox("Buy milk").isChecked()).toBe(true);
    await expect.poll(() => page.getByText("0 items left").isVisible()).toBe(true);
  });

  // Covers 003 FR-008, 003 FR-009.
  it("keeps the filter in the URL across reloads and the Back button", async () => {
    await add("Active one", "Done one");
    await checkbox("Done one").check();
    await expect.poll(() => page.getByText("1 item left").isVisible()).toBe(true);

    const filters = page.getByRole("navigation", { name: "Show" });
    await filters.getByRole("link", { name: /Active/ }).click();
    await page.waitForURL(/\?show=active$/);
    await expect.poll(() => tasks().getByRole("checkbox").count()).toBe(1);
    await filters.getByRole("link", { name: /Completed/ }).click();
    await page.waitForURL(/\?show=completed$/);
    await checkbox("Done one").waitFor();

    await page.reload();
    await checkbox("Done one").waitFor();
    expect(await filters.getByRole("link", { name: /Completed/ }).getAttribute("aria-current")).toBe("page");

    await hydrated();
    await page.goBack();
    await page.waitForURL(/\?show=active$/);
    await checkbox("Active one").waitFor();
    expect(await checkbox("Done one").count()).toBe(0);
  });

  // Covers 003 FR-017, 003 FR-027.
  it("edits in place: double-click and Enter save, Escape cancels, an emptied title asks before deleting", async () => {
    await add("Frist draft");
    await tasks().getByRole("button", { name: "Frist draft", exact: true }).dblclick();
    const editor = page.getByLabel("Edit title of “Frist draft”");
    await editor.fill("First draft");
    await expectAccessible(page, "editing");
    await editor.press("Enter");
    await checkbox("First draft").waitFor();

    const title = tasks().getByRole("button", { name: "First draft", exact: true });
    await title.focus();
    await page.keyboard.press("F2");
    await page.getByLabel("Edit title of “First draft”").fill("Thrown away");
    await page.keyboard.press("Escape");
    await checkbox("First draft").waitFor();

    await page.reload();
    await checkbox("First draft").waitFor();
    await hydrated();

    page.once("dialog", (dialog) => void dialog.dismiss());
    await tasks().getByRole("button", { name: "Edit “First draft”" }).click();
    await page.getByLabel("Edit title of “First draft”").fill("");
    await page.keyboard.press("Enter");
    await checkbox("First draft").waitFor();

    page.once("dialog", (dialog) => void dialog.accept());
    await tasks().getByRole("button", { name: "Edit “First draft”" }).click();
    await page.getByLabel("Edit title of “First draft”").fill("   ");
    await page.keyboard.press("Enter");
    await expect.poll(() => checkbox("First draft").count()).toBe(0);
  });

  // Covers 003 FR-019.
  it("deletes with Undo, and a deletion that is not undone persists", async () => {
    await add("Keep me", "Lose me");
    await tasks().getByRole("button", { name: "Delete “Keep me”" }).click();
    await page.getByRole("button", { name: "Undo" }).click();
    await checkbox("Keep me").waitFor();

    await tasks().getByRole("button", { name: "Delete “Lose me”" }).click();
    await expect.poll(() => checkbox("Lose me").count()).toBe(0);
    // The Undo notice lasts a few seconds; the deletion itself was sent at once.
    await expect.poll(() => page.getByRole("button", { name: "Undo" }).count(), { timeout: 15_000 }).toBe(0);
    await page.reload();
    await checkbox("Keep me").waitFor();
    expect(await checkbox("Lose me").count()).toBe(0);
  });

  // Covers 003 FR-011, 003 FR-018.
  it("sets priority, tags and a due date; overdue tasks stand out; search and sort find them", async () => {
    await add("Pay rent", "Water plants");
    await tasks().getByText("Details of “Pay rent”").click();
    const details = page.getByRole("form", { name: "Details of “Pay rent”" });
    await details.getByLabel("Description").fill("Transfer before the 1st");
    await details.getByLabel("Priority").selectOption("high");
    await details.getByLabel("Tags (comma-separated)").fill("Home, money");
    await details.getByLabel("Due").fill("2020-01-01T09:00");
    // Details save as they change: leaving the last field saves it.
    await details.getByLabel("Due").blur();
    await tasks().getByText("#money").waitFor();
    await tasks()
      .getByText(/^Overdue:/)
      .waitFor();
    await screenshot(page, "dashboard-details");

    await page.reload();
    await tasks().getByText("High priority").waitFor();

    await hydrated();
    await page.getByLabel("Search tasks").fill("transfer");
    await page.waitForURL(/q=transfer/);
    await expect.poll(() => tasks().getByRole("checkbox").count()).toBe(1);
    await page.getByLabel("Search tasks").fill("");
    await expect.poll(() => tasks().getByRole("checkbox").count()).toBe(2);

    await page.getByLabel("Sort by").selectOption("title");
    await page.waitForURL(/sort=title/);
    // The list reloads in the new order; wait for it rather than read it once.
    const order = () =>
      tasks()
        .getByRole("checkbox")
        .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    await expect.poll(order).toEqual(["Pay rent", "Water plants"]);
    await page.getByLabel("Sort by").selectOption("created");
    await expect.poll(order).toEqual(["Water plants", "Pay rent"]);
  });

  // Covers 003 FR-020.
  it("rolls an optimistic change back with a readable message when the API refuses it", async () => {
    await add("Fragile");
    await page.route(`${API}/**`, (route) =>
      route.request().method() === "PATCH"
        ? route.fulfill({
            status: 503,
            contentType: "application/problem+json",
            headers: { "access-control-allow-origin": SITE },
            body: JSON.stringify({
              status: 503,
              title: "Database unavailable",
              detail: "The database is unavailable; try again shortly.",
            }),
          })
        : route.continue(),
    );
    await checkbox("Fragile").click();
    await page.getByRole("alert").getByText("The database is unavailable; try again shortly.").waitFor();
    await expect.poll(() => checkbox("Fragile").isChecked()).toBe(false);
    await expectAccessible(page, "error shown");
    await screenshot(page, "dashboard-error");
  });

  // Covers 003 FR-021.
  it("shows the current version when the task changed elsewhere (412)", async () => {
    // Live sync (issue 16) would show the other change at once; this page must not have heard of it
    // yet, as after a lost connection: its socket opens but reaches no server.
    await page.routeWebSocket(/\/live$/, () => undefined);
    await page.reload();
    await hydrated();
    await add("Shared task");
    const { token, userId } = await tokenAndUser();
    const list = (await (
      await fetch(`${API}/api/${userId}/tasks`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id;
    const changed = await fetch(`${API}/api/${userId}/tasks/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Shared task, renamed elsewhere" }),
    });
    expect(changed.status).toBe(200);

    // click, not check(): the change is rolled back at once, which check() would report as a failure.
    await checkbox("Shared task").click();
    await page
      .getByRole("alert")
      .getByText(/was changed elsewhere/)
      .waitFor();
    await checkbox("Shared task, renamed elsewhere").waitFor();
    expect(await checkbox("Shared task, renamed elsewhere").isChecked()).toBe(false);
  });

  // Covers 003 FR-024, 003 FR-025, 003 FR-026.
  it("works from the keyboard alone, with shortcuts listed in a help dialog", async () => {
    await page.keyboard.press("n");
    await page.keyboard.type("Typed without a mouse");
    await page.keyboard.press("Enter");
    await checkbox("Typed without a mouse").waitFor();
    await expect.poll(() => checkbox("Typed without a mouse").isEnabled()).toBe(true);

    await checkbox("Typed without a mouse").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => checkbox("Typed without a mouse").isChecked()).toBe(true);

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("task-search");

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await expectAccessible(page, "help dialog");
    await page.keyboard.press("Escape");
    await expect.poll(() => help.isVisible()).toBe(false);
  });
});

describe("the access token in the browser", () => {
  // Covers 002 FR-015, 002 FR-016.
  it("is fetched once for many concurrent calls, and renewed once after a 401", async () => {
    await add("One", "Two", "Three");
    // A fresh page holds no token yet: the first calls (the views' counts and the ticks) must share one fetch of it.
    const tokenFetches: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/auth/token")) tokenFetches.push(request.url());
    });
    await page.reload();
    await hydrated();
    let patched = 0;
    page.on("response", (response) => {
      if (response.request().method() === "PATCH" && response.ok()) patched++;
    });
    // Three changes in quick succession, each its own request (a click does not wait for its answer).
    for (const title of ["One", "Two", "Three"]) await checkbox(title).click();
    await expect.poll(() => page.getByText("0 items left").isVisible(), { timeout: 10_000 }).toBe(true);
    // All three answered, so none of them can be taken for the retried request below.
    await expect.poll(() => patched, { timeout: 10_000 }).toBe(3);
    expect(tokenFetches).toHaveLength(1);

    // The API refuses the held token once (as after a key rotation): one renewal, one retry.
    let refused = false;
    await page.route(`${API}/**`, (route) => {
      if (!refused && route.request().method() === "PATCH") {
        refused = true;
        return route.fulfill({
          status: 401,
          contentType: "application/problem+json",
          headers: { "access-control-allow-origin": SITE, "www-authenticate": 'Bearer error="invalid_token"' },
          body: JSON.stringify({ status: 401, title: "Invalid access token" }),
        });
      }
      return route.continue();
    });
    const retried = page.waitForResponse((r) => r.request().method() === "PATCH" && r.status() === 200);
    await checkbox("Two").click();
    await retried;
    expect(refused).toBe(true);
    expect(tokenFetches).toHaveLength(2);
    // The retried request reached the API: after a reload, the change is there.
    await page.reload();
    await expect.poll(() => checkbox("Two").isChecked()).toBe(false);
  });
});

describe("small screens and dark mode", () => {
  // Covers 003 FR-028, 003 FR-029, 003 FR-030.
  it("fits a 320 px phone in the dark colour scheme, accessibly", async () => {
    await add("Phone-sized task with a rather long title that has to wrap");
    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme: "dark" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, "320 px, dark");
    await screenshot(page, "dashboard-phone-dark");
  });
});
