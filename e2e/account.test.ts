/**
 * The account lifecycle against the running stack (issue 12): forgot and reset
 * a password through the mailed link, and delete an account. API clients call
 * Better Auth's own endpoints on the site; mail is read from the local outbox
 * at /dev/mail.json. The pages themselves get a browser journey, with axe on
 * every state.
 */
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { signUpAndGetToken } from "../test-support/better-auth-client.ts";
import { SESSION_CACHE_SECONDS } from "../web/src/lib/session-cache.ts";
import {
  API,
  expectAccessible,
  newPerson,
  newVisitor,
  SITE,
  screenshot,
  sharedBrowser,
  submitSignUp,
  unexpectedBrowserErrors,
} from "./browser.ts";

const browser = sharedBrowser();
let addresses = 0;

afterEach(() => {
  expect(unexpectedBrowserErrors([400, 401, 403, 404, 422, 429])).toEqual([]);
});

/** A client address of its own per person, as Cloudflare would report it: rate limits are per address. */
function clientIp() {
  return { header: "cf-connecting-ip", address: `203.0.113.${(process.pid + addresses++) % 250}` };
}

function authPost(path: string, body: unknown, extra: Record<string, string> = {}) {
  return fetch(`${SITE}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: SITE, ...extra },
    body: JSON.stringify(body),
  });
}

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** The newest message to `to`, waiting for it: a send may finish just after the response. */
async function newestMailTo(to: string): Promise<OutboxMessage> {
  let found: OutboxMessage | undefined;
  await expect
    .poll(async () => {
      const messages = (await (await fetch(`${SITE}/dev/mail.json`)).json()) as OutboxMessage[];
      found = messages.find((message) => message.to === to);
      return found !== undefined;
    })
    .toBe(true);
  return found as OutboxMessage;
}

function resetLinkIn(message: OutboxMessage): URL {
  const match = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(message.text);
  expect(match, message.text).not.toBeNull();
  return new URL(match?.[0] ?? "");
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("forgot password, through Better Auth's endpoints", () => {
  // Covers 002 FR-062.
  it("answers a known and an unknown email with the same status and body", async () => {
    const person = newPerson("Known");
    const ip = clientIp();
    await signUpAndGetToken({
      authOrigin: SITE,
      name: person.name,
      email: person.email,
      password: person.password,
      clientIp: ip,
    });
    const known = await authPost("/request-password-reset", { email: person.email }, { [ip.header]: ip.address });
    const unknown = await authPost(
      "/request-password-reset",
      { email: `nobody-${Date.now()}@example.test` },
      { [ip.header]: ip.address },
    );
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.json());
  });

  // Covers 002 FR-061, 002 FR-063.
  it("mails a link on the site whose token resets the password once and signs out other devices", async () => {
    const person = newPerson("Forgetful");
    const ip = clientIp();
    const first = await signUpAndGetToken({
      authOrigin: SITE,
      name: person.name,
      email: person.email,
      password: person.password,
      clientIp: ip,
    });
    const headers = { [ip.header]: ip.address };
    const otherDevice = await authPost("/sign-in/email", { email: person.email, password: person.password }, headers);
    expect(otherDevice.status).toBe(200);

    expect((await authPost("/request-password-reset", { email: person.email }, headers)).status).toBe(200);
    const mail = await newestMailTo(person.email);
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.text).not.toContain(person.password);
    const link = resetLinkIn(mail);
    expect(link.origin).toBe(SITE);
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token") ?? "";

    const newPassword = "a brand new long password";
    expect((await authPost("/reset-password", { token, newPassword }, headers)).status).toBe(200);
    const again = await authPost("/reset-password", { token, newPassword: "yet another password" }, headers);
    expect(again.status).toBe(400);

    expect((await authPost("/sign-in/email", { email: person.email, password: person.password }, headers)).status).toBe(
      401,
    );
    expect((await authPost("/sign-in/email", { email: person.email, password: newPassword }, headers)).status).toBe(
      200,
    );

    for (const cookie of [first.cookie, cookieOf(otherDevice)]) {
      const session = await fetch(`${SITE}/api/auth/get-session`, { headers: { cookie, ...headers } });
      expect(await session.json()).toBeNull();
    }
  });
});

describe("deleting an account", () => {
  // Covers 002 FR-067, 002 FR-068.
  it("needs the password, removes everything, and leaves the old token reading nothing and writing nothing", async () => {
    const person = newPerson("Leaving");
    const ip = clientIp();
    const user = await signUpAndGetToken({
      authOrigin: SITE,
      name: person.name,
      email: person.email,
      password: person.password,
      clientIp: ip,
    });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${API}/api/${user.id}/tasks${path}`, {
        ...init,
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json", ...init.headers },
      });
    const created = await api("", { method: "POST", body: JSON.stringify({ title: "Before I go" }) });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: string };

    const headers = { cookie: user.cookie, [ip.header]: ip.address };
    expect((await authPost("/delete-user", {}, headers)).status).toBe(400);
    expect((await authPost("/delete-user", { password: "not my password" }, headers)).status).toBe(400);
    expect((await authPost("/delete-user", { password: person.password }, headers)).status).toBe(200);

    const list = await api("");
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: [] });
    const writes = [
      await api("", { method: "POST", body: JSON.stringify({ title: "After I left" }) }),
      await api(`/${task.id}`, { method: "PUT", body: JSON.stringify({ title: "Changed", completed: false }) }),
      await api(`/${task.id}/complete`, { method: "PATCH", body: JSON.stringify({ completed: true }) }),
      await api(`/${task.id}`, { method: "DELETE" }),
      await api(`/${task.id}`),
    ];
    for (const response of writes) {
      expect(response.status, `${response.url} ${response.status}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${response.url} ${response.status}`).toBeLessThan(500);
    }
    expect(await (await api("")).json()).toMatchObject({ items: [] });

    const again = await signUpAndGetToken({
      authOrigin: SITE,
      name: person.name,
      email: person.email,
      password: person.password,
      clientIp: clientIp(),
    });
    expect(again.id).not.toBe(user.id);
    const fresh = await fetch(`${API}/api/${again.id}/tasks`, { headers: { authorization: `Bearer ${again.token}` } });
    expect(await fresh.json()).toMatchObject({ items: [] });
  });
});

describe("the account pages, in a browser", () => {
  // Covers 002 FR-066.
  // Two waits for another device's cached session to run out (ADR 0008) on top of the journey.
  const journeyTimeout = 90_000 + 2 * SESSION_CACHE_SECONDS * 1000;
  it("resets a forgotten password, manages devices and the name, and deletes the account", {
    timeout: journeyTimeout,
  }, async () => {
    const person = newPerson("Pages");
    const phone = await newVisitor(browser());
    const signUpPage = await phone.newPage();
    await signUpPage.goto(`${SITE}/sign-up`);
    await submitSignUp(signUpPage, person);

    const context = await newVisitor(browser());
    const page = await context.newPage();
    await page.goto(`${SITE}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expectAccessible(page, "forgot password");
    await page.getByLabel("Email").fill(person.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").filter({ hasText: "If an account exists" }).waitFor();
    await expectAccessible(page, "link sent");

    const link = resetLinkIn(await newestMailTo(person.email));
    await page.goto(link.href);
    await expectAccessible(page, "choose a new password");
    const newPassword = "another long password";
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL(`${SITE}/sign-in?notice=password-reset`);
    await page.getByRole("status").filter({ hasText: "Your password is changed" }).waitFor();

    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${SITE}/tasks`);

    // The phone signed in before the reset, which signed it out.
    const phonePage = await phone.newPage();
    await expectSentToSignIn(phonePage);
    await submitSignIn(phonePage, person.email, newPassword);
    await phonePage.waitForURL(`${SITE}/tasks`);

    await page.getByRole("link", { name: "Account" }).click();
    await page.waitForURL(`${SITE}/account`);
    await expectAccessible(page, "account");
    await screenshot(page, "account");
    await page.getByRole("textbox", { name: "Name" }).fill("Renamed");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("status").filter({ hasText: "Your name is saved" }).waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: "Name" }).inputValue()).toBe("Renamed");

    const devices = page.getByRole("list").filter({ hasText: "this device" });
    await expect.poll(() => devices.getByRole("listitem").count()).toBe(2);
    await devices.getByRole("button", { name: /^Sign out / }).click();
    await page.getByRole("status").filter({ hasText: "That device is signed out" }).waitFor();
    await expect.poll(() => devices.getByRole("listitem").count()).toBe(1);
    await expectSentToSignIn(phonePage);

    await page.getByLabel("Your password, to confirm").fill("wrong password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("alert").filter({ hasText: "not your current password" }).waitFor();
    await expectAccessible(page, "delete refused");
    await page.getByLabel("Your password, to confirm").fill(newPassword);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(`${SITE}/sign-in?notice=account-deleted`);
    await page.getByRole("status").filter({ hasText: "account and all its tasks are deleted" }).waitFor();
    await submitSignIn(page, person.email, newPassword);
    await page.getByRole("alert").filter({ hasText: "don't match an account" }).waitFor();
  });
});

/**
 * A device signed out from another one is sent to sign in from /tasks once its
 * cached session has run out: at most SESSION_CACHE_SECONDS (ADR 0008). It can
 * get no new token meanwhile (/api/auth/token reads the session table).
 */
async function expectSentToSignIn(page: Page) {
  expect((await page.context().request.get(`${SITE}/api/auth/token`)).status()).toBe(401);
  await expect
    .poll(
      async () => {
        await page.goto(`${SITE}/tasks`);
        return new URL(page.url()).pathname;
      },
      { timeout: (SESSION_CACHE_SECONDS + 15) * 1000, interval: 2000 },
    )
    .toBe("/sign-in");
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
