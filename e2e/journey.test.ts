/**
 * The walking skeleton's journey in a real browser: sign up, land on /tasks,
 * add a task, reload and still see it, sign out, sign up as someone else and
 * see an empty list.
 */
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import {
  newPerson,
  newVisitor,
  SITE,
  STACK,
  screenshot,
  sharedBrowser,
  submitSignUp,
  unexpectedBrowserErrors,
} from "./browser.ts";

const browser = sharedBrowser();

afterEach(() => {
  // Expected refusals (401 from /api/auth/token after sign-out, 4xx from forms) are not console errors.
  expect(unexpectedBrowserErrors([401, 422, 429])).toEqual([]);
});

async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto(SITE);
  await page.getByRole("link", { name: "Create a free account" }).click();
  await submitSignUp(page, person);
  await waitForDashboard(page);
}

/** The island has hydrated once its JavaScript-only controls are enabled. */
async function waitForDashboard(page: Page) {
  await expect.poll(() => page.getByRole("button", { name: "Keyboard shortcuts" }).isEnabled()).toBe(true);
}

// Covers 003 FR-031.
describe("a person's first visit", () => {
  // Covers 002 FR-001, 002 FR-003, 002 FR-004, 002 FR-008, 002 FR-009, 003 FR-001, 003 FR-002, 003 FR-003, 003 FR-013.
  it("signs up, keeps a task across reloads, and never sees another person's tasks", async () => {
    const context = await newVisitor(browser());
    const page = await context.newPage();
    const ada = newPerson("Ada");

    await signUp(page, ada);
    await expect.poll(() => page.getByText("No tasks yet").isVisible()).toBe(true);

    await page.getByLabel("New task").fill("Water the plants");
    await page.getByRole("button", { name: "Add task" }).click();
    const list = page.getByRole("list", { name: "Tasks" });
    await list.getByRole("checkbox", { name: "Water the plants" }).waitFor();
    await screenshot(page, "tasks-with-one-task");

    await page.reload();
    // The server renders the list into the first HTML response, before any script runs.
    await list.getByRole("checkbox", { name: "Water the plants" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${SITE}/`);
    await page.goto(`${SITE}/tasks`);
    await page.waitForURL(/\/sign-in\?returnTo=/);

    const grace = newPerson("Grace");
    await signUp(page, grace);
    await page.getByText("No tasks yet").waitFor();
    expect(await page.getByText("Water the plants").count()).toBe(0);
    await screenshot(page, "second-person-empty-list");
    await context.close();
  });

  // Covers 002 FR-005, 003 FR-003.
  it("explains a wrong password next to the form", async () => {
    const context = await newVisitor(browser());
    const page = await context.newPage();
    const person = newPerson("Linus");
    await signUp(page, person);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${SITE}/`);

    await page.goto(`${SITE}/sign-in`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "don't match" });
    await alert.waitFor();
    await screenshot(page, "sign-in-error");
    await context.close();
  });

  // Covers 002 FR-029.
  it("slows down repeated wrong passwords with a readable message", async () => {
    const context = await newVisitor(browser());
    const page = await context.newPage();
    await page.goto(`${SITE}/sign-in`);
    let message = "";
    for (let attempt = 0; attempt < 8 && !message.includes("Too many attempts"); attempt++) {
      await page.getByLabel("Email").fill("nobody@example.test");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").waitFor();
      message = (await page.getByRole("alert").textContent()) ?? "";
    }
    expect(message).toMatch(/Too many attempts\. Please try again in \d+ seconds\./);
    // Scripts get the same limit from Better Auth's endpoint, with a standard Retry-After.
    const address = `203.0.113.${process.pid % 250}`;
    let limited: Awaited<ReturnType<typeof page.request.post>> | undefined;
    for (let attempt = 0; attempt < 8 && limited?.status() !== 429; attempt++) {
      limited = await page.request.post(`${SITE}/api/auth/sign-in/email`, {
        headers: { origin: SITE, "content-type": "application/json", "cf-connecting-ip": address },
        data: { email: "nobody@example.test", password: "wrong password" },
      });
    }
    expect(limited?.status()).toBe(429);
    expect(Number(limited?.headers()["retry-after"])).toBeGreaterThan(0);
    await screenshot(page, "sign-in-rate-limited");
    await context.close();
  });

  // Covers 002 FR-004, 002 FR-007.
  it("never leaves the site through returnTo, and never fails on one", async () => {
    const context = await newVisitor(browser());
    const page = await context.newPage();
    const person = newPerson("Margaret");
    await signUp(page, person);
    // Signed in: the page sends the person on at once. A TAB would turn /\t/evil into //evil.
    for (const returnTo of ["/%09/evil.example/phish", "%2F%0A%2Fevil.example", "/%0D%00", "/\\evil.example"]) {
      const response = await page.goto(`${SITE}/sign-in?returnTo=${returnTo}`);
      expect(response?.status()).toBe(200);
      expect(page.url()).toBe(`${SITE}/tasks`);
    }
    // And right after signing in, the moment a fake "session expired" page would pick.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${SITE}/`);
    await page.goto(`${SITE}/sign-in?returnTo=/%09/evil.example/phish`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${SITE}/tasks`);
    await context.close();
  });

  // Covers 002 FR-001, 003 FR-006.
  it("signs up and adds a task with JavaScript turned off", async () => {
    const context = await newVisitor(browser(), { javaScriptEnabled: false });
    const page = await context.newPage();
    const person = newPerson("Noscript");
    await page.goto(`${SITE}/sign-up`);
    await submitSignUp(page, person);
    await page.getByLabel("New task").fill("Added by a plain form");
    await page.getByRole("button", { name: "Add task" }).click();
    await page.waitForURL(`${SITE}/tasks`);
    await page.getByRole("list", { name: "Tasks" }).getByRole("checkbox", { name: "Added by a plain form" }).waitFor();
    await context.close();
  });
});

// The landing page needs no one signed up, so it is here rather than among the dashboard's journeys.
describe("the landing page", () => {
  // Covers 003 FR-004.
  it("ships no JavaScript in the production build", async () => {
    const landing = await browser().newPage();
    await landing.goto(SITE);
    const scripts = await landing.locator("script").count();
    if (STACK === "preview") expect(scripts).toBe(0);
    await expect.poll(() => landing.getByRole("link", { name: "Create a free account" }).isVisible()).toBe(true);
    await landing.close();
  });
});
