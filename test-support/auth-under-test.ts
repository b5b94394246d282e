/**
 * Better Auth as the site builds it (createAuth), in this process, on an
 * in-memory database behind the local SQL endpoint: for tests of the site's
 * own configuration, which call `auth.handler()` directly. Several instances
 * may share the database, as isolates do.
 */
import { afterAll, expect } from "vitest";
import type { SqlBackend } from "../db/local-server/backend.ts";
import { createPgliteBackend } from "../db/local-server/pglite-backend.ts";
import { type LocalSqlServer, startLocalSqlServer } from "../db/local-server/server.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { type Auth, type AuthSettings, createAuth } from "../web/src/lib/create-auth.server.ts";
import { createOutbox } from "../web/src/lib/mail/outbox.ts";

export const SITE = "http://localhost:4321";
export const API = "http://localhost:8787";

export interface AuthUnderTest {
  sql: LocalSqlServer;
  /** A Better Auth instance (an "isolate") with the site's settings, changed by `overrides`. */
  auth(overrides?: Partial<AuthSettings>): Auth;
  /** Runs one statement on the database, as an operator would; values come back as text. */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function startAuthUnderTest(): Promise<AuthUnderTest> {
  const backend: SqlBackend = await createPgliteBackend();
  const sql = await startLocalSqlServer(backend);
  await migrateDatabase({ databaseUrl: sql.connectionString, endpoint: sql.url });
  const settings: AuthSettings = {
    siteOrigin: SITE,
    apiAudience: API,
    secret: "test-secret-that-is-at-least-32-characters-long",
    databaseUrl: sql.connectionString,
    sqlEndpoint: sql.url,
    clientIpHeader: "x-forwarded-for",
    mailer: createOutbox(),
  };
  return {
    sql,
    auth: (overrides = {}) => createAuth({ ...settings, ...overrides }),
    async query(text, params = []) {
      const response = await fetch(sql.url, {
        method: "POST",
        headers: { "neon-connection-string": sql.connectionString },
        body: JSON.stringify({ query: text, params }),
      });
      const body = (await response.json()) as { fields?: { name: string }[]; rows?: unknown[][]; message?: string };
      if (!response.ok) throw new Error(`query failed: ${body.message}`);
      // The endpoint always answers in array mode, with text values.
      const names = (body.fields ?? []).map((field) => field.name);
      return (body.rows ?? []).map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
    },
    async stop() {
      await sql.close();
      await backend.close();
    },
  };
}

/**
 * Better Auth for the calling test file, started at its top level (`await`, as Better Auth's own
 * tests start theirs) and stopped after its last test; `auth` is the file's first isolate.
 */
export async function authUnderTestForThisFile(): Promise<{ under: AuthUnderTest; auth: Auth }> {
  const under = await startAuthUnderTest();
  afterAll(() => under.stop());
  return { under, auth: under.auth() };
}

let counter = 0;

/** A fresh person: unique email, a test address of their own (sign-up is limited per IP). */
export function newPerson(name = "Test Person") {
  counter++;
  return {
    name,
    email: `person-${Date.now()}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery staple",
    address: `198.18.${counter % 250}.${(Date.now() % 250) + 1}`,
  };
}

/** A request to Better Auth as a browser on the site sends it. */
export function authRequest(
  path: string,
  { body, cookie, address, method }: { body?: unknown; cookie?: string; address?: string; method?: string } = {},
): Request {
  const headers = new Headers({ origin: SITE });
  if (body !== undefined) headers.set("content-type", "application/json");
  if (cookie) headers.set("cookie", cookie);
  if (address) headers.set("x-forwarded-for", address);
  return new Request(`${SITE}/api/auth${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Signs `person` up through `auth` (one isolate), expecting success; answers the session's cookies too. */
export async function signUp(auth: Auth, person = newPerson()) {
  const response = await auth.handler(
    authRequest("/sign-up/email", {
      body: { name: person.name, email: person.email, password: person.password },
      address: person.address,
    }),
  );
  expect(response.status, "sign-up").toBe(200);
  return { person, cookie: cookiesOf(response), response };
}

/** The cookies a response sets, as a browser would send them back. */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
