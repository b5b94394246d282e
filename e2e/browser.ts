/** Chromium driven by playwright-core; test-support/chromium.ts says which build. */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

import { afterAll, beforeAll, expect, inject } from "vitest";
import { CHROMIUM_ARGS, resolveChromium } from "../test-support/chromium.ts";

export const SITE = inject("siteUrl");
export const API = inject("apiUrl");
export const STACK = inject("stack");
export const SCREENSHOTS = `.artifacts/screenshots/${STACK}`;

export async function launchBrowser(): Promise<Browser> {
  const { executablePath } = await resolveChromium();
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * One Chromium for a test file: launched before its first journey and closed
 * after its last. Returns the getter the journeys use.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("sharedBrowser(): the browser is launched in beforeAll");
    return browser;
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

let counter = 0;

/** A fresh person for each journey, so journeys never depend on each other. */
export function newPerson(name: string) {
  return {
    name,
    email: `${name.toLowerCase()}-${Date.now()}-${counter++}@example.test`,
    password: "a long enough password",
  };
}

let visitors = 0;

/**
 * A browser context for one visitor, arriving from an address of its own, as
 * Cloudflare would report it in CF-Connecting-IP; rate limits are per address.
 */
export async function newVisitor(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; timezoneId?: string } = {},
): Promise<BrowserContext> {
  return (await visitorFrom(browser, options)).context;
}

/** A visitor's browser context, and the address its requests come from. */
async function visitorFrom(
  browser: Browser,
  options: Parameters<typeof newVisitor>[1],
): Promise<{ context: BrowserContext; address: string }> {
  const context = await browser.newContext(options);
  context.on("console", (message) => {
    if (message.type() === "error") browserErrors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on("weberror", (error) => browserErrors.push(error.error().message));
  const address = `198.51.100.${(process.pid + visitors++) % 250}`;
  await context.route(`${SITE}/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), "cf-connecting-ip": address } }),
  );
  return { context, address };
}

/**
 * Errors the pages logged (a script the CSP blocked, a failed fetch, an
 * uncaught exception). Journeys assert it stays empty.
 */
export const browserErrors: string[] = [];

/**
 * Takes the errors logged since the last call, less the failed loads a
 * journey provokes on purpose (`refusals`: HTTP statuses such as 401 or 422).
 */
export function unexpectedBrowserErrors(refusals: number[]): string[] {
  const expected = new RegExp(`status of (${refusals.join("|")})`);
  return browserErrors.splice(0).filter((error) => !expected.test(error));
}

/** Fills the sign-up form with `person`, submits it, and waits for the dashboard's address. */
export async function submitSignUp(page: Page, person: ReturnType<typeof newPerson>): Promise<void> {
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${SITE}/tasks`);
}

/**
 * A new visitor who has just signed up as `name` and is on the dashboard. The journeys that start
 * here are about the dashboard, so the sign-up goes straight to Better Auth's endpoint, the one the
 * sign-up form's server calls, with the browser's own cookies (`context.request`), skipping the
 * form's page load and fill (a quarter of a journey's set-up, measured). The form has journeys of
 * its own (journey.test.ts, account.test.ts, recurring.test.ts).
 */
export async function signedUpVisitor(
  browser: Browser,
  name: string,
  options: Parameters<typeof newVisitor>[1] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, address } = await visitorFrom(browser, options);
  const person = newPerson(name);
  // context.route() does not see context.request: the address goes along by hand.
  const signedUp = await context.request.post(`${SITE}/api/auth/sign-up/email`, {
    headers: { origin: SITE, "cf-connecting-ip": address },
    data: { name: person.name, email: person.email, password: person.password },
  });
  expect(signedUp.status(), `signing up ${person.email}`).toBe(200);
  const page = await context.newPage();
  await page.goto(`${SITE}/tasks`);
  expect(page.url(), "a signed-up visitor lands on the dashboard").toBe(`${SITE}/tasks`);
  return { context, page };
}

/** The signed-in person's API access as the page itself gets it: a fresh token, and the user id it names. */
export function apiAccessOf(page: Page): Promise<{ token: string; userId: string }> {
  return page.evaluate(async () => {
    const { token } = (await (await fetch("/api/auth/token")).json()) as { token: string };
    const payload = JSON.parse(atob(token.split(".")[1]?.replaceAll("-", "+").replaceAll("_", "/") ?? ""));
    return { token, userId: payload.sub as string };
  });
}

/** axe finds no WCAG 2.2 AA violation in the page as it is now; `state` names it in the failure. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    state,
  ).toEqual([]);
}
