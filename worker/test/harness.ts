/**
 * Helpers for tests inside workerd: the Worker's env pointing at the test
 * stack, real users signed up through Better Auth, and requests to the app.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { signUpAndGetToken } from "../../test-support/better-auth-client.ts";
import { app } from "../src/app.ts";
import type { Bindings } from "../src/env.ts";

export const API_AUDIENCE = "http://localhost:8787";
export const SITE_ORIGIN = "http://localhost:4321";

/** The Worker's bindings for tests: same as `wrangler dev`, but aimed at the test stack. */
export function testBindings(overrides: Partial<Bindings> = {}): Bindings {
  const authOrigin = inject("authOrigin");
  return {
    DATABASE_URL: inject("databaseUrl"),
    NEON_HTTP_ENDPOINT: inject("sqlEndpoint"),
    AUTH_JWKS_URL: `${authOrigin}/api/auth/jwks`,
    AUTH_ISSUER: authOrigin,
    AUTH_AUDIENCE: API_AUDIENCE,
    ALLOWED_ORIGINS: SITE_ORIGIN,
    // The real binding from wrangler.jsonc, simulated by Miniflare with the same limit and period.
    API_RATE_LIMIT: env.API_RATE_LIMIT,
    // The real Durable Object namespace from wrangler.jsonc (live sockets).
    USER_HUB: env.USER_HUB,
    ...overrides,
  };
}

const defaultBindings = testBindings();

/** `app.request` with the test bindings, and an execution context for the work a response leaves behind (waitUntil). */
export function request(path: string, init: RequestInit = {}, bindings: Bindings = defaultBindings) {
  return app.request(path, init, bindings, createExecutionContext());
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

let counter = 0;

/** A random address in the benchmarking range 198.18.0.0/15 (RFC 2544) per call. */
function testAddress(): string {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint8Array(2));
  return `198.${18 + (a % 2)}.${b}.${(counter % 254) + 1}`;
}

/** Signs a fresh user up through Better Auth and fetches their access token from /api/auth/token. */
export async function signUpUser(name = "Test User"): Promise<TestUser> {
  const { id, email, token } = await signUpAndGetToken({
    authOrigin: inject("authOrigin"),
    name,
    email: `user-${Date.now()}-${counter++}-${crypto.randomUUID().slice(0, 8)}@example.test`,
    // Each test user arrives from an address of its own: sign-up is rate limited per client IP.
    clientIp: { header: "x-forwarded-for", address: testAddress() },
  });
  return { id, email, token };
}

export function bearer(user: TestUser, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${user.token}`);
  return { ...init, headers };
}

export function jsonBody(body: unknown, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return { method: "POST", ...init, headers, body: JSON.stringify(body) };
}

/**
 * Bindings whose DATABASE_URL is unique to the caller, and a counter of the SQL
 * round trips made with it (the local endpoint counts per connection string).
 */
export function countedBindings() {
  const databaseUrl = `${inject("databaseUrl")}?counter=${crypto.randomUUID()}`;
  const bindings = testBindings({ DATABASE_URL: databaseUrl });
  const statsUrl = `${inject("sqlEndpoint").replace(/\/sql$/, "/stats")}?connection=${encodeURIComponent(databaseUrl)}`;
  return {
    bindings,
    async roundTrips(): Promise<number> {
      // /stats wants the run's connection string too, like every request but /health.
      const response = await fetch(statsUrl, { headers: { "neon-connection-string": databaseUrl } });
      const { requests } = (await response.json()) as { requests: number };
      return requests;
    },
  };
}
