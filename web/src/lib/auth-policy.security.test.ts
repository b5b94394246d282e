/**
 * The site's rules around Better Auth (auth-policy.server.ts and createAuth),
 * against a real Better Auth on an in-memory database. Each instance made
 * with `under.auth()` stands for one Workers isolate.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { authRequest, authUnderTestForThisFile, newPerson, signUp } from "../../../test-support/auth-under-test.ts";
import { NAME_MAX } from "./account-limits.ts";
import { ACCOUNT_SIGN_IN_LIMIT } from "./auth-policy.server.ts";
import { AUTH_ATTEMPTS_PER_MINUTE, JWKS_MAX_AGE_SECONDS } from "./create-auth.server.ts";

const { under, auth } = await authUnderTestForThisFile();

afterEach(() => {
  vi.useRealTimers();
});

function payloadOf(token: string): Record<string, unknown> {
  const [, payload = ""] = token.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function tokenFor(cookie: string, instance = auth) {
  const response = await instance.handler(authRequest("/token", { cookie }));
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { token, response };
}

// Covers 002 FR-036.
describe("names", () => {
  it(`accepts a name of ${NAME_MAX} characters at sign-up`, async () => {
    await signUp(auth, { ...newPerson(), name: "n".repeat(NAME_MAX) });
  });

  it("refuses a longer name at sign-up with 400 NAME_TOO_LONG, creating no account", async () => {
    const person = { ...newPerson(), name: "n".repeat(6000) };
    const response = await auth.handler(
      authRequest("/sign-up/email", {
        body: { name: person.name, email: person.email, password: person.password },
        address: person.address,
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "NAME_TOO_LONG" });
    expect(await under.query('select 1 from "user" where email = $1', [person.email])).toEqual([]);
  });

  it("refuses a longer name on update", async () => {
    const { cookie } = await signUp(auth);
    const response = await auth.handler(
      authRequest("/update-user", { body: { name: "n".repeat(NAME_MAX + 1) }, cookie }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "NAME_TOO_LONG" });
  });
});

describe("access tokens", () => {
  // Covers 002 FR-013.
  it("carry sub and the registered claims only: no email, no name", async () => {
    const { cookie, response } = await signUp(auth, { ...newPerson(), name: "n".repeat(NAME_MAX) });
    const { user } = (await response.json()) as { user: { id: string } };
    const { token } = await tokenFor(cookie);
    const payload = payloadOf(token);
    expect(Object.keys(payload).sort()).toEqual(["aud", "exp", "iat", "iss", "sub"]);
    expect(payload.sub).toBe(user.id);
    expect(token.length).toBeLessThan(1024);
  });

  // Covers 002 FR-012.
  it("are sent with Cache-Control: no-store", async () => {
    const { cookie } = await signUp(auth);
    const { response } = await tokenFor(cookie);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  // Covers 002 FR-012.
  it("are not minted by getSession: no set-auth-jwt header, on a page render or over HTTP", async () => {
    const { cookie } = await signUp(auth);
    const headers = new Headers({ cookie });
    const session = await auth.api.getSession({ headers, returnHeaders: true });
    expect(session.response?.user).toBeDefined();
    expect(session.headers.get("set-auth-jwt")).toBeNull();
    const response = await auth.handler(authRequest("/get-session", { cookie }));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-auth-jwt")).toBeNull();
  });
});

describe("private answers", () => {
  // Covers 002 FR-033.
  it("carry Cache-Control: no-store: session, sign-in, and a refusal", async () => {
    const { person, cookie } = await signUp(auth);
    const session = await auth.handler(authRequest("/get-session", { cookie }));
    expect(session.headers.get("cache-control")).toBe("no-store");
    const signIn = await auth.handler(
      authRequest("/sign-in/email", {
        body: { email: person.email, password: person.password },
        address: newPerson().address,
      }),
    );
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("cache-control")).toBe("no-store");
    const refused = await auth.handler(authRequest("/token"));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });
});

// Covers 002 FR-014.
describe("the public key set", () => {
  it(`is public for at most ${JWKS_MAX_AGE_SECONDS} s, and served from memory after the first request`, async () => {
    const isolate = under.auth();
    const first = await isolate.handler(authRequest("/jwks"));
    expect(first.status).toBe(200);
    const maxAge = Number(/^public, max-age=(\d+)$/.exec(first.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(JWKS_MAX_AGE_SECONDS);
    const keys = await first.json();

    const before = under.sql.stats.requests;
    const again = await isolate.handler(authRequest("/jwks"));
    expect(await again.json()).toEqual(keys);
    expect(under.sql.stats.requests - before).toBe(0);
  });

  it("never outlives a rotation: another isolate's new key is published, and caches were told to stop in time", async () => {
    const { cookie } = await signUp(auth);
    await tokenFor(cookie); // makes sure a signing key exists
    const [newest] = await under.query(
      "select id, extract(epoch from expires_at) * 1000 as expires from jwks order by created_at desc limit 1",
    );
    const expires = Number(newest?.expires);
    expect(expires).toBeGreaterThan(Date.now());

    vi.useFakeTimers({ toFake: ["Date"] });
    // A minute before the key expires, one isolate memoizes the key set.
    vi.setSystemTime(expires - 60_000);
    const publisher = under.auth();
    const early = await publisher.handler(authRequest("/jwks"));
    const maxAge = Number(/max-age=(\d+)/.exec(early.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);

    // Just after it expires, another isolate signs with a new key.
    vi.setSystemTime(expires + 1_000);
    const signer = under.auth();
    const { cookie: fresh } = await signUp(signer);
    const { token } = await tokenFor(fresh, signer);
    const [header = ""] = token.split(".");
    const { kid } = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { kid: string };
    expect(kid).not.toBe(newest?.id);

    const published = (await (await publisher.handler(authRequest("/jwks"))).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((key) => key.kid)).toContain(kid);
  });
});

// Covers 002 FR-029.
describe("sign-in attempts per account", () => {
  it(`are limited to ${ACCOUNT_SIGN_IN_LIMIT.max} per account however many addresses they come from`, async () => {
    const { person } = await signUp(auth);
    const attempt = (email: string) =>
      auth.handler(
        authRequest("/sign-in/email", { body: { email, password: "not the password" }, address: newPerson().address }),
      );
    for (let i = 0; i < ACCOUNT_SIGN_IN_LIMIT.max; i++) expect((await attempt(person.email)).status).toBe(401);

    const limited = await attempt(person.email.toUpperCase());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("x-retry-after"))).toBeLessThanOrEqual(ACCOUNT_SIGN_IN_LIMIT.window);
    // Even the right password waits: the limit is on guessing, not on failing.
    const right = await auth.handler(
      authRequest("/sign-in/email", {
        body: { email: person.email, password: person.password },
        address: newPerson().address,
      }),
    );
    expect(right.status).toBe(429);
    // Another account is not affected.
    expect((await attempt(newPerson().email)).status).toBe(401);
  });

  it("are counted in the database, so every isolate sees the same count", async () => {
    const { person } = await signUp(auth);
    for (let i = 0; i < ACCOUNT_SIGN_IN_LIMIT.max; i++) {
      const isolate = under.auth();
      const response = await isolate.handler(
        authRequest("/sign-in/email", {
          body: { email: person.email, password: "not the password" },
          address: newPerson().address,
        }),
      );
      expect(response.status).toBe(401);
    }
    const last = await under.auth().handler(
      authRequest("/sign-in/email", {
        body: { email: person.email, password: "not the password" },
        address: newPerson().address,
      }),
    );
    expect(last.status).toBe(429);
  });
});

// Covers 002 FR-030.
describe("the client address", () => {
  it("is not taken from CF-Connecting-IP unless the deployment names that header (off Cloudflare)", async () => {
    // The site's own setting locally: no clientIpHeader, so a client cannot pick its bucket.
    const local = under.auth({ clientIpHeader: undefined });
    const statuses: number[] = [];
    for (let i = 0; i <= AUTH_ATTEMPTS_PER_MINUTE; i++) {
      const request = authRequest("/sign-in/email", {
        body: { email: newPerson().email, password: "not the password" },
      });
      request.headers.set("cf-connecting-ip", `203.0.113.${i + 1}`);
      statuses.push((await local.handler(request)).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it("is taken from the header the deployment names (CF-Connecting-IP on Cloudflare)", async () => {
    const onCloudflare = under.auth({ clientIpHeader: "cf-connecting-ip" });
    for (let i = 0; i <= AUTH_ATTEMPTS_PER_MINUTE; i++) {
      const request = authRequest("/sign-in/email", {
        body: { email: newPerson().email, password: "not the password" },
      });
      request.headers.set("cf-connecting-ip", `203.0.113.${100 + i}`);
      expect((await onCloudflare.handler(request)).status).toBe(401);
    }
  });
});
