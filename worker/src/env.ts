/**
 * The Worker's bindings, and the configuration parsed from them once per
 * isolate. A bad value fails loudly at the first request instead of being
 * half-applied.
 */
import * as z from "zod/mini";
import "./problems/english-messages.ts";
import type { Database } from "./db/client.ts";
import type { UserHubNamespace } from "./live/hub-binding.ts";
import { lazy } from "./openapi/lazy.ts";
import { parseHostList } from "./push/endpoint-policy.ts";

export interface Bindings {
  /** Postgres connection string; Neon's in production, any well-formed one locally. */
  DATABASE_URL: string;
  /** Local Neon-compatible SQL-over-HTTP endpoint; leave unset in production. */
  NEON_HTTP_ENDPOINT?: string;
  /** Where the site publishes its public keys. Default http://localhost:4321/api/auth/jwks */
  AUTH_JWKS_URL?: string;
  /** An inline JWKS (JSON); when set it replaces AUTH_JWKS_URL and AUTH_SITE, and no key is ever fetched. */
  AUTH_JWKS?: string;
  /** Service binding to the site's Worker (production): when bound, AUTH_JWKS_URL is fetched through it, not the Internet. */
  AUTH_SITE?: Fetcher;
  /** Expected `iss`: the site's origin. Default http://localhost:4321 */
  AUTH_ISSUER?: string;
  /** Expected `aud`: this API's origin. Default http://localhost:8787 */
  AUTH_AUDIENCE?: string;
  /** Comma-separated browser origins allowed by CORS. Default http://localhost:4321 */
  ALLOWED_ORIGINS?: string;
  /** Per-user rate limiter for /api/{user_id}/* (wrangler.jsonc ratelimits); required. */
  API_RATE_LIMIT: { limit(options: { key: string }): Promise<{ success: boolean }> };
  /** One Durable Object per user: live sockets (wrangler.jsonc durable_objects.bindings); required. */
  USER_HUB: UserHubNamespace;
  /** Static assets (wrangler.jsonc assets.binding): the OpenAPI document served at /openapi.json; required. */
  ASSETS: Fetcher;
  /** "on" serves the interactive reference at /docs (development only). Default off */
  API_DOCS?: string;
  /** Milliseconds to wait for the database before answering 503 (1000–60000). Default 5000 */
  DATABASE_TIMEOUT_MS?: string;
  /** VAPID public key (base64url P-256 point) the site subscribes with; without it no reminder is pushed. */
  VAPID_PUBLIC_KEY?: string;
  /** VAPID private key (base64url scalar): a secret, never in wrangler.jsonc; dev and test stacks generate one per run. */
  VAPID_PRIVATE_KEY?: string;
  /** Who push services may contact about our messages: a mailto: or https: URL. Default mailto:reminders@localhost */
  VAPID_SUBJECT?: string;
  /** Comma-separated push service hosts (`*.suffix` allowed); replaces the browsers' defaults. */
  PUSH_SERVICE_HOSTS?: string;
  /** "on" also accepts loopback http(s) push endpoints (development and preview only). Default off */
  PUSH_ALLOW_LOOPBACK?: string;
}

/** A database that does not answer within this time is treated as down (503), not waited on. */
export const DEFAULT_DATABASE_TIMEOUT_MS = 5_000;

const jwkSetSchema = lazy(() => z.object({ keys: z.array(z.looseObject({ kty: z.string() })).check(z.minLength(1)) }));

/** Built on the first configFor call, not at load (issue 14: startup CPU). */
const configSchema = lazy(() =>
  z
    .object({
      DATABASE_URL: z.string().check(z.regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")),
      NEON_HTTP_ENDPOINT: z.optional(z.url()),
      AUTH_JWKS_URL: z._default(z.url(), "http://localhost:4321/api/auth/jwks"),
      // zod/mini's transform has no ctx.addIssue: a refusal is pushed onto the payload's issues.
      AUTH_JWKS: z.optional(
        z.pipe(
          z.string(),
          z.transform((text: string, payload) => {
            try {
              return jwkSetSchema().parse(JSON.parse(text));
            } catch {
              payload.issues.push({
                code: "custom",
                message: "must be a JSON Web Key Set with at least one key",
                input: text,
              });
              return z.NEVER;
            }
          }),
        ),
      ),
      AUTH_SITE: z.optional(
        z.custom<Fetcher>(
          (value) => typeof (value as { fetch?: unknown } | null)?.fetch === "function",
          "must be a service binding (an object with fetch)",
        ),
      ),
      AUTH_ISSUER: z._default(z.url(), "http://localhost:4321"),
      AUTH_AUDIENCE: z._default(z.url(), "http://localhost:8787"),
      ALLOWED_ORIGINS: z.pipe(
        z._default(z.string(), "http://localhost:4321"),
        z.transform((list: string) =>
          list
            .split(",")
            .map((origin) => origin.trim())
            .filter(Boolean),
        ),
      ),
      API_DOCS: z._default(z.enum(["on", "off"]), "off"),
      DATABASE_TIMEOUT_MS: z._default(
        z.coerce.number().check(z.int(), z.gte(1_000), z.lte(60_000)),
        DEFAULT_DATABASE_TIMEOUT_MS,
      ),
      VAPID_PUBLIC_KEY: z.optional(
        z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public point (65 bytes)")),
      ),
      VAPID_PRIVATE_KEY: z.optional(
        z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (32 bytes)")),
      ),
      VAPID_SUBJECT: z._default(
        z.string().check(z.regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https: URL")),
        "mailto:reminders@localhost",
      ),
      PUSH_SERVICE_HOSTS: z.optional(
        z.pipe(
          z.string(),
          z.transform((list: string, payload) => {
            try {
              return parseHostList(list);
            } catch (error) {
              payload.issues.push({ code: "custom", message: (error as Error).message, input: list });
              return z.NEVER;
            }
          }),
        ),
      ),
      PUSH_ALLOW_LOOPBACK: z._default(z.enum(["on", "off"]), "off"),
    })
    .check(
      z.refine((config) => (config.VAPID_PUBLIC_KEY === undefined) === (config.VAPID_PRIVATE_KEY === undefined), {
        message: "set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither",
        path: ["VAPID_PRIVATE_KEY"],
      }),
    ),
);

export type Config = z.infer<ReturnType<typeof configSchema>>;

const parsed = new WeakMap<Bindings, Config>();

/** Parses the bindings once per isolate (per distinct env object) and throws on a misconfiguration. */
export function configFor(env: Bindings): Config {
  let config = parsed.get(env);
  if (!config) {
    const result = configSchema().safeParse(env);
    if (!result.success) throw new Error(`Invalid Worker configuration: ${z.prettifyError(result.error)}`);
    config = result.data;
    parsed.set(env, config);
  }
  return config;
}

/** Hono's environment for every route: bindings, plus what middleware sets. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    /** The configuration parsed from the bindings; set by requestContext, first of all middleware. */
    config: Config;
    /** The verified token's `sub`; set by requireUser. */
    userId: string;
    /** When the verified token expires, in ms since the epoch; set by requireUser with userId. */
    tokenExpiresAt: number;
    /** The database as `userId` sees it (row-level security); set by requireUser with userId. */
    db: Database;
  };
}
