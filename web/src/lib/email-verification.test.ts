/**
 * Email verification as production runs it (REQUIRE_EMAIL_VERIFICATION on):
 * Better Auth, built by the site's own factory, on a real database. Sign-up
 * mails a link and makes no session; sign-in is refused until the link is
 * opened; the link can be sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../../../test-support/stack.ts";
import { outboxMessages } from "./mail/outbox.ts";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ database: "pglite", requireEmailVerification: true });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function post(path: string, body: unknown) {
  return fetch(`${stack.authOrigin}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.authOrigin, "x-forwarded-for": "192.0.2.10" },
    body: JSON.stringify(body),
  });
}

const linkTo = (email: string) => {
  const message = outboxMessages().find((m) => m.to === email);
  return /https?:\/\/\S+\/verify-email\?\S+/.exec(message?.text ?? "")?.[0];
};

// Covers 002 FR-064.
describe("with email verification required", () => {
  it("mails a link at sign-up, refuses sign-in until it is opened, then lets the person in", async () => {
    const email = `unconfirmed-${Date.now()}@example.test`;
    const password = "a long enough password";
    const signUp = await post("/sign-up/email", { name: "Una", email, password, callbackURL: "/tasks" });
    expect(signUp.status).toBe(200);
    expect(signUp.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(false);
    const firstLink = linkTo(email);
    expect(firstLink).toBeDefined();

    const refused = await post("/sign-in/email", { email, password });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });

    expect((await post("/send-verification-email", { email, callbackURL: "/tasks" })).status).toBe(200);
    expect(outboxMessages().filter((m) => m.to === email)).toHaveLength(2);

    const verified = await fetch(linkTo(email) ?? "", { redirect: "manual" });
    expect(verified.status).toBe(302);
    expect(verified.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(true);
    expect((await post("/sign-in/email", { email, password })).status).toBe(200);
  });

  it("answers sending the link again the same for an unknown address", async () => {
    const unknown = await post("/send-verification-email", { email: `nobody-${Date.now()}@example.test` });
    expect(unknown.status).toBe(200);
  });
});
