/**
 * Helpers for tests inside workerd: the Worker's env pointing at the test
 * stack, real users signed up through Better Auth, and requests to the app:
 * typed through the site's own client seam (`clientFor`), or raw (`request`)
 * for the requests no typed client would send.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { InferRequestType, InferResponseType } from "hono/client";
import { expect, inject } from "vitest";
import { DEFAULT_PASSWORD, signUpAndGetToken } from "../../test-support/better-auth-client.ts";
import { app } from "../src/app.ts";
import { createApiClient } from "../src/client.ts";
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
    // The real Durable Object namespace from wrangler.jsonc (live sockets, reminders).
    USER_HUB: env.USER_HUB,
    // The real static assets from wrangler.jsonc (the OpenAPI document).
    ASSETS: env.ASSETS,
    // The run's VAPID pair (vitest.config.ts) and the loopback allowance, as wrangler.jsonc's dev vars.
    VAPID_PUBLIC_KEY: env.VAPID_PUBLIC_KEY,
    VAPID_PRIVATE_KEY: env.VAPID_PRIVATE_KEY,
    PUSH_ALLOW_LOOPBACK: "on",
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
  /** The Better Auth session cookie, as the site's pages send it. */
  cookie: string;
}

let counter = 0;

/** A random address in the benchmarking range 198.18.0.0/15 (RFC 2544) per call. */
function testAddress(): string {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint8Array(2));
  return `198.${18 + (a % 2)}.${b}.${(counter % 254) + 1}`;
}

/** Signs a fresh user up through Better Auth and fetches their access token from /api/auth/token. */
export async function signUpUser(name = "Test User"): Promise<TestUser> {
  const { id, email, token, cookie } = await signUpAndGetToken({
    authOrigin: inject("authOrigin"),
    name,
    email: `user-${Date.now()}-${counter++}-${crypto.randomUUID().slice(0, 8)}@example.test`,
    // Each test user arrives from an address of its own: sign-up is rate limited per client IP.
    clientIp: { header: "x-forwarded-for", address: testAddress() },
  });
  return { id, email, token, cookie };
}

/**
 * Deletes the account as the site's /account page does (Better Auth's /delete-user with the password
 * signUpUser used): the user row goes, and with it, by cascade, every task and push subscription.
 */
export async function deleteAccount(user: TestUser): Promise<void> {
  const authOrigin = inject("authOrigin");
  const response = await fetch(`${authOrigin}/api/auth/delete-user`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: user.cookie,
      origin: authOrigin,
      "x-forwarded-for": testAddress(),
    },
    body: JSON.stringify({ password: DEFAULT_PASSWORD }),
  });
  if (!response.ok) throw new Error(`delete-user failed: ${response.status} ${await response.text()}`);
}

/**
 * The API as `user`'s typed client: the seam the site uses (`#api/client`),
 * answered in-process by the app with the test bindings, so request and
 * response types come from the routes rather than from each test file.
 */
export function clientFor(user: TestUser, bindings: Bindings = defaultBindings) {
  return createApiClient("http://localhost", {
    // A fresh execution context per request, as in production: a write hands its live events to waitUntil.
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      app.fetch(new Request(input, init), bindings, createExecutionContext()),
    headers: { authorization: `Bearer ${user.token}` },
  });
}

/** `user`'s tasks routes (`/api/{userId}/tasks…`) on their typed client. */
export function tasksOf(user: TestUser, bindings: Bindings = defaultBindings) {
  return clientFor(user, bindings).api[":userId"].tasks;
}

/** `user`'s typed routes for one of their tasks, with the path parameters that name it. */
export function taskOf(user: TestUser, id: string, bindings: Bindings = defaultBindings) {
  return { routes: tasksOf(user, bindings)[":id"], param: { userId: user.id, id } };
}

type TaskRoutes = ReturnType<typeof tasksOf>;
/** A page of tasks as the list route declares it, for the tests that must send a raw query string. */
export type TaskList = InferResponseType<TaskRoutes["$get"], 200>;
/** A task as the routes answer it. */
export type Task = TaskList["items"][number];
export type { Problem } from "../src/client.ts";
/** What creating a task takes, as the create route declares it. */
export type NewTask = InferRequestType<TaskRoutes["$post"]>["json"];
/** A bulk action, as the bulk route declares it. */
export type BulkAction = InferRequestType<TaskRoutes["bulk"]["$post"]>["json"];
export type BulkResult = InferResponseType<TaskRoutes["bulk"]["$post"], 200>;

/** Creates a task for `user` through their typed client, expecting 201, and answers it. */
export async function createTask(user: TestUser, json: NewTask = { title: "A task" }) {
  return bodyOf(await tasksOf(user).$post({ param: { userId: user.id }, header: {}, json }), 201);
}

interface TypedAnswer {
  status: number;
  json(): Promise<unknown>;
}

/** Asserts the answer's status, then reads its body as the route declares it for that status. */
export async function bodyOf<R extends TypedAnswer, S extends R["status"]>(
  response: R,
  status: S,
): Promise<Awaited<ReturnType<Extract<R, { status: S }>["json"]>>> {
  expect(response.status).toBe(status);
  return (await response.json()) as Awaited<ReturnType<Extract<R, { status: S }>["json"]>>;
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
