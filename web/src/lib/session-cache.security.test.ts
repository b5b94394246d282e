/**
 * The session cookie cache (ADR 0008, spec 002 FR-070): page renders may trust
 * it for SESSION_CACHE_SECONDS, but a revoked session never gets a token, and
 * an API client asking over HTTP gets the table's answer.
 */
import { describe, expect, it } from "vitest";
import { authRequest, authUnderTestForThisFile, signUp } from "../../../test-support/auth-under-test.ts";
import { SESSION_CACHE_SECONDS } from "./session-cache.ts";

const { under, auth } = await authUnderTestForThisFile();

/** A person signed in on a device whose session was then revoked from elsewhere (the table row is gone). */
async function revokedDevice() {
  const { person, cookie, response } = await signUp(auth);
  expect(cookie).toContain("better-auth.session_data=");
  const maxAge = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("better-auth.session_data="))
    ?.match(/Max-Age=(\d+)/i)?.[1];
  expect(Number(maxAge)).toBe(SESSION_CACHE_SECONDS);
  await under.query('delete from "session" where user_id = (select id from "user" where email = $1)', [person.email]);
  return cookie;
}

describe("the session cookie cache", () => {
  it("stands in for the table on a server-side render, until it runs out", async () => {
    const cookie = await revokedDevice();
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).not.toBeNull();
    // What /sign-in, /sign-up and /account ask for.
    expect(
      await auth.api.getSession({ headers: new Headers({ cookie }), query: { disableCookieCache: true } }),
    ).toBeNull();
  });

  it("gets a revoked session no token over HTTP", async () => {
    const cookie = await revokedDevice();
    expect((await auth.handler(authRequest("/token", { cookie }))).status).toBe(401);
  });

  it("is not trusted by /get-session over HTTP", async () => {
    const cookie = await revokedDevice();
    const response = await auth.handler(authRequest("/get-session", { cookie }));
    expect(await response.json()).toBeNull();
  });
});
