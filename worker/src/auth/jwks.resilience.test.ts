/**
 * The remote key set under real outages and rotations. Each test has its own
 * key-set URL on test-support/jwks-server.ts (the Worker caches per URL), and
 * counts the Worker's fetches there. Time-based behaviour (cooldown, cache age)
 * is reached by moving the isolate's clock, which jose reads through Date.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { request, testBindings } from "../../test/harness.ts";
import { type JwksMode, newJwksEndpoint } from "../../test/jwks-endpoint.ts";
import { claimsFor, expectInvalidToken, newSigningKey, signToken, type TestKey, withToken } from "../../test/tokens.ts";
import type { Bindings } from "../env.ts";
import { JWKS_COOLDOWN_MS, JWKS_MAX_AGE_MS } from "./verify-access-token.ts";

/** GET a fresh subject's task list with a token signed by `key`, against `bindings`. */
async function listWith(key: TestKey, bindings: Bindings): Promise<Response> {
  const sub = crypto.randomUUID();
  return request(`/api/${sub}/tasks`, withToken(await signToken(key, claimsFor(sub))), bindings);
}

/** Moves the isolate's clock (and so jose's) forward. */
function later(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
}

/** 503 with a hint to retry, and the key source's failure logged for operators (not sent). */
async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await response.json()).toMatchObject({ status: 503, code: "AUTH_UNAVAILABLE" });
  expect(errorLog).toHaveBeenCalledWith("AUTH_UNAVAILABLE:", expect.objectContaining({ name: "KeySourceError" }));
}

/** A key set at a fresh URL publishing `keys`, and the Worker's bindings pointing at it. */
async function keySource(...keys: TestKey[]) {
  const jwks = await newJwksEndpoint(...keys);
  return { jwks, bindings: testBindings({ AUTH_JWKS_URL: jwks.url }) };
}

/** The Worker's console.error, silenced: a 503 is the expected outcome here. */
let errorLog: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

// Covers 002 FR-028.
describe("remote key set", () => {
  it("keeps accepting tokens under a cached key while the key source is down", async () => {
    const key = await newSigningKey();
    const { jwks, bindings } = await keySource(key);
    expect((await listWith(key, bindings)).status).toBe(200);
    await jwks.setMode("error");
    expect((await listWith(key, bindings)).status).toBe(200);
    expect(await jwks.requests()).toBe(1);
  });

  // "reset" makes workerd print "uncaught exception ... Network connection lost" to stderr even though
  // jose handles the rejection (a bare fetch().catch() prints it too): noise, not a failure.
  // "hang" takes the Worker's 3 s fetch timeout.
  it.each<JwksMode>(["error", "reset", "garbage", "hang"])(
    "answers 503 AUTH_UNAVAILABLE with Retry-After when the key source fails (%s) and no key is cached",
    async (mode) => {
      const key = await newSigningKey();
      const { jwks, bindings } = await keySource(key);
      await jwks.setMode(mode);
      await expectUnavailable(await listWith(key, bindings));
      expect(await jwks.requests()).toBe(1);
    },
  );

  // Covers 002 FR-025.
  it("does not follow a redirect from the key source to another key set", async () => {
    const attacker = await newSigningKey();
    const { jwks, bindings } = await keySource();
    const attackersKeySet = await newJwksEndpoint(attacker);
    await jwks.setMode("redirect", attackersKeySet.url);
    await expectUnavailable(await listWith(attacker, bindings));
    expect(await attackersKeySet.requests()).toBe(0);
  });

  // Covers 002 FR-025.
  it("answers 503 for an unknown kid after the cooldown while the key source is down, and keeps known kids working", async () => {
    const known = await newSigningKey();
    const { jwks, bindings } = await keySource(known);
    expect((await listWith(known, bindings)).status).toBe(200);
    await jwks.setMode("error");
    later(JWKS_COOLDOWN_MS + 1_000);
    await expectUnavailable(await listWith(await newSigningKey(), bindings));
    expect((await listWith(known, bindings)).status).toBe(200);
    expect(await jwks.requests()).toBe(2);
  });

  it("refuses an unknown kid during the cooldown with 401 and without fetching again", async () => {
    const known = await newSigningKey();
    const { jwks, bindings } = await keySource(known);
    expect((await listWith(known, bindings)).status).toBe(200);
    await expectInvalidToken(await listWith(await newSigningKey(), bindings));
    expect(await jwks.requests()).toBe(1);
  });

  it("accepts tokens under both the old and the new key while a rotation publishes both", async () => {
    const oldKey = await newSigningKey();
    const newKey = await newSigningKey();
    const { jwks, bindings } = await keySource(oldKey, newKey);
    expect((await listWith(oldKey, bindings)).status).toBe(200);
    expect((await listWith(newKey, bindings)).status).toBe(200);
    expect(await jwks.requests()).toBe(1);
  });

  it("picks up a key published after the cache was filled, with one re-fetch once the cooldown is over", async () => {
    const oldKey = await newSigningKey();
    const { jwks, bindings } = await keySource(oldKey);
    expect((await listWith(oldKey, bindings)).status).toBe(200);
    const newKey = await newSigningKey();
    await jwks.publish(oldKey, newKey);
    later(JWKS_COOLDOWN_MS + 1_000);
    expect((await listWith(newKey, bindings)).status).toBe(200);
    expect((await listWith(oldKey, bindings)).status).toBe(200);
    expect(await jwks.requests()).toBe(2);
  });

  it("re-fetches at most once for a burst of unknown kids after the cooldown", async () => {
    const known = await newSigningKey();
    const { jwks, bindings } = await keySource(known);
    expect((await listWith(known, bindings)).status).toBe(200);
    later(JWKS_COOLDOWN_MS + 1_000);
    for (let i = 0; i < 3; i++) await expectInvalidToken(await listWith(await newSigningKey(), bindings));
    expect(await jwks.requests()).toBe(2);
  });

  it("stops accepting a withdrawn key once the cached set is older than its maximum age", async () => {
    const withdrawn = await newSigningKey();
    const { jwks, bindings } = await keySource(withdrawn);
    expect((await listWith(withdrawn, bindings)).status).toBe(200);
    await jwks.publish(await newSigningKey());
    later(JWKS_MAX_AGE_MS + 1_000);
    await expectInvalidToken(await listWith(withdrawn, bindings));
    expect(await jwks.requests()).toBe(2);
  });

  // Covers 002 FR-025, 002 FR-028.
  it("fails closed with 503 when the cached set is older than its maximum age and the key source is down", async () => {
    const key = await newSigningKey();
    const { jwks, bindings } = await keySource(key);
    expect((await listWith(key, bindings)).status).toBe(200);
    await jwks.setMode("error");
    later(JWKS_MAX_AGE_MS + 1_000);
    await expectUnavailable(await listWith(key, bindings));
  });
});
