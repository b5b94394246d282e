/**
 * The per-user rate limit (issue 11): the real Workers Rate Limiting binding
 * from wrangler.jsonc, as Miniflare simulates it, keyed on the token's `sub`.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, request, signUpUser, type TestUser } from "../../test/harness.ts";
import { API_RATE_LIMIT_POLICY } from "./rate-limit-policy.ts";

const { limit, period } = API_RATE_LIMIT_POLICY;

/**
 * Spends the user's quota straight on the binding, so the next request is the
 * one past it. Miniflare's windows follow the wall clock, so one may end midway
 * and start the count again: up to two windows' worth of calls.
 */
async function exhaust(user: TestUser): Promise<void> {
  for (let n = 0; n <= 2 * limit + 1; n++) {
    if (!(await env.API_RATE_LIMIT.limit({ key: user.id })).success) return;
  }
  throw new Error(`the binding allowed ${2 * limit + 2} requests in a row`);
}

/** The list request once the quota is spent; again if the window happened to roll over in between. */
async function refusedRequest(user: TestUser): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    await exhaust(user);
    const response = await request(`/api/${user.id}/tasks`, bearer(user));
    if (response.status === 429 || attempt === 2) return response;
  }
}

describe("per-user rate limit", () => {
  // Covers 001 FR-061.
  it(`answers 429 past ${limit} requests per ${period} s, with Retry-After and RateLimit fields`, async () => {
    const user = await signUpUser();
    const response = await refusedRequest(user);
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe(String(period));
    expect(response.headers.get("ratelimit")).toBe(`"per-user";r=0;t=${period}`);
    expect(response.headers.get("ratelimit-policy")).toBe(`"per-user";q=${limit};w=${period}`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
  });

  // Covers 001 FR-061.
  it("counts per user: someone else's spent quota does not limit you", async () => {
    const [spent, fresh] = await Promise.all([signUpUser(), signUpUser()]);
    expect((await refusedRequest(spent)).status).toBe(429);
    const response = await request(`/api/${fresh.id}/tasks`, bearer(fresh));
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-policy")).toBe(`"per-user";q=${limit};w=${period}`);
  });

  // Covers 001 FR-061.
  it("declares the 429 and its headers on every authenticated operation in the OpenAPI document", async () => {
    const document = (await (await request("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> }>
      >;
    };
    // The limit is per user, so it applies where a user is known: every operation that takes a token.
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
      .filter(({ operation }) => (operation.security ?? []).length > 0);
    expect(operations.length).toBeGreaterThanOrEqual(6);
    for (const { path, method, operation } of operations) {
      const tooMany = operation.responses["429"];
      expect(tooMany, `${method} ${path}`).toBeDefined();
      expect(Object.keys(tooMany?.headers ?? {}), `${method} ${path}`).toEqual(
        expect.arrayContaining(["Retry-After", "RateLimit", "RateLimit-Policy"]),
      );
    }
  });
});
