/**
 * Issue 16 in a real browser: two pages of the same person stay in step
 * without a reload. A task added in one appears in the other, a completion
 * and a deletion follow, and a change made through the API (another device)
 * shows in both.
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

/** Generous: hydration and the socket can take seconds on a busy two-core machine. */
const SLOW = { timeout: 30_000 };

const browser = sharedBrowser();
let context: BrowserContext;
let first: Page;
let second: Page;

/** The page is hydrated and its live socket is open. */
async function live(page: Page) {
  await expect.poll(() => page.locator('[data-live="live"]').count(), SLOW).toBe(1);
}

beforeEach(async () => {
  ({ context, page: first } = await signedUpVisitor(browser(), "Live"));
  // The same person's second page: the same session, as a second tab would have.
  second = await context.newPage();
  await second.goto(`${SITE}/tasks`);
  await Promise.all([live(first), live(second)]);
});

afterEach(async () => {
  await context?.close();
  expect(unexpectedBrowserErrors([401, 404, 412, 422, 429, 503])).toEqual([]);
});

const checkbox = (page: Page, title: string) =>
  page.getByRole("list", { name: "Tasks" }).getByRole("checkbox", { name: title, exact: true });

// Covers 003 FR-039.
describe("live sync between two pages", () => {
  it("shows a task added, completed and deleted in one page in the other, without a reload", async () => {
    await first.getByLabel("New task").fill("Seen in both tabs");
    await first.getByLabel("New task").press("Enter");
    await expect.poll(() => checkbox(second, "Seen in both tabs").count(), SLOW).toBe(1);
    // Its own echo does not add it twice where it was made.
    await expect.poll(() => checkbox(first, "Seen in both tabs").isEnabled(), SLOW).toBe(true);
    expect(await checkbox(first, "Seen in both tabs").count()).toBe(1);
    await expect.poll(() => second.getByText("1 item left").isVisible(), SLOW).toBe(true);
    await expectAccessible(second, "a task that arrived live");
    await screenshot(second, "live-sync-second-page");

    await checkbox(first, "Seen in both tabs").check();
    await expect.poll(() => checkbox(second, "Seen in both tabs").isChecked(), SLOW).toBe(true);
    await expect.poll(() => second.getByText("0 items left").isVisible(), SLOW).toBe(true);

    await first
      .getByRole("list", { name: "Tasks" })
      .getByRole("button", { name: /Delete “Seen in both tabs”/ })
      .click();
    await expect.poll(() => checkbox(second, "Seen in both tabs").count(), SLOW).toBe(0);
  });

  it("shows a change made through the API (another device) in both pages", async () => {
    const { token, userId } = await apiAccessOf(first);
    const response = await fetch(`${API}/api/${userId}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "From the phone" }),
    });
    expect(response.status).toBe(201);
    await expect.poll(() => checkbox(first, "From the phone").count(), SLOW).toBe(1);
    await expect.poll(() => checkbox(second, "From the phone").count(), SLOW).toBe(1);
  });
});
