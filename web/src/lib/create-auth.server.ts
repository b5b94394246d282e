/**
 * The one Better Auth configuration, as a factory so that the site (on
 * workerd) and the test harness (on Node) build exactly the same auth.
 * Tokens: EdDSA (Ed25519), 15 minutes, `iss` the site, `aud` the API, and
 * of the person only `sub`: the API reads nothing else, and a token must stay
 * under the API's 4 KB limit whatever a person calls themselves.
 */

import { neon, neonConfig } from "@neondatabase/serverless";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { jwt } from "better-auth/plugins";
import { drizzle } from "drizzle-orm/neon-http";
import { ACCESS_TOKEN_LIFETIME } from "#api/client";
import { authSchema } from "../../../db/schema/auth.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "./account-limits.ts";
import { authPolicy } from "./auth-policy.server.ts";
import { authSchemaWithRelations } from "./auth-relations.server.ts";
import { createJwksMemo } from "./jwks-memo.server.ts";
import type { Mailer } from "./mail/mailer.ts";
import { passwordResetMail, verificationMail } from "./mail/messages.ts";
import { SESSION_CACHE_SECONDS } from "./session-cache.ts";

export interface AuthSettings {
  /** The site's origin: Better Auth's baseURL and the tokens' `iss`. */
  siteOrigin: string;
  /** The API's origin: the tokens' `aud`. */
  apiAudience: string;
  /** BETTER_AUTH_SECRET: encrypts the signing keys at rest and signs cookies. */
  secret: string;
  /**
   * BETTER_AUTH_SECRETS, for rotating the secret without losing the signing
   * keys: `[{version: 2, value: new}, {version: 1, value: old}]`, newest first.
   */
  secrets?: { version: number; value: string }[] | undefined;
  databaseUrl: string;
  /** A local Neon-compatible endpoint; unset in production. */
  sqlEndpoint?: string | undefined;
  /**
   * The request header that carries the client's IP, for per-client rate
   * limits: only one that a proxy in front sets and a client cannot forge.
   * On Cloudflare that is CF-Connecting-IP. Unset, no header is trusted and
   * every client shares one bucket per path: right for `wrangler dev`, where
   * CF-Connecting-IP is whatever the client sent.
   */
  clientIpHeader?: string | undefined;
  /** Further origins allowed to POST to /api/auth/* besides siteOrigin. */
  trustedOrigins?: string[] | undefined;
  /** Where password-reset and verification links are sent. */
  mailer: Mailer;
  /** Refuse sign-in until the email is confirmed (REQUIRE_EMAIL_VERIFICATION). */
  requireEmailVerification?: boolean | undefined;
  /**
   * Runs a mail send after the response (the Worker's waitUntil), so a known
   * and an unknown email answer a forgot-password request in the same time.
   */
  runInBackground?: ((task: Promise<unknown>) => void) | undefined;
}

/** Access tokens live this long; the browser refreshes them shortly before. */
export const ACCESS_TOKEN_TTL = ACCESS_TOKEN_LIFETIME;

const DAY = 24 * 60 * 60;

/** How long a signing key stays published after it expires. */
const KEY_GRACE_PERIOD = DAY;

/**
 * The longest any isolate (or a public cache) keeps the public key set, far
 * shorter than KEY_GRACE_PERIOD; the memo also ends early at a rotation.
 */
export const JWKS_MAX_AGE_SECONDS = 5 * 60;

/**
 * Sign-in and sign-up attempts per client IP per minute. Counted in the
 * database, so the limit holds across every Workers isolate.
 */
export const AUTH_ATTEMPTS_PER_MINUTE = 5;

/** Mails a person can trigger per client IP per minute (reset links, verification links). */
export const MAIL_REQUESTS_PER_MINUTE = 3;

/** Reset links work once, for this long. */
const RESET_TOKEN_TTL_SECONDS = 60 * 60;

/**
 * Deleting an account needs the password (or a token Better Auth issued):
 * Better Auth alone would accept a recent session without either.
 */
const requirePasswordToDelete = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/delete-user") return;
  const body = (ctx.body ?? {}) as { password?: unknown; token?: unknown };
  if (typeof body.password !== "string" && typeof body.token !== "string") {
    throw new APIError("BAD_REQUEST", {
      code: "PASSWORD_REQUIRED",
      message: "Enter your password to delete the account",
    });
  }
});

export function createAuth(settings: AuthSettings) {
  if (settings.sqlEndpoint) neonConfig.fetchEndpoint = settings.sqlEndpoint;
  // With the relations, Better Auth reads a session with its user in one statement (joins below).
  const client = neon(settings.databaseUrl);
  const authDb = drizzle({ client, schema: authSchemaWithRelations });
  const db = drizzle({ client });
  const { mailer, siteOrigin } = settings;
  const requireEmailVerification = settings.requireEmailVerification ?? false;
  const jwks = createJwksMemo({ gracePeriodSeconds: KEY_GRACE_PERIOD, maxAgeSeconds: JWKS_MAX_AGE_SECONDS });

  return betterAuth({
    baseURL: settings.siteOrigin,
    secret: settings.secret,
    ...(settings.secrets ? { secrets: settings.secrets } : {}),
    trustedOrigins: settings.trustedOrigins ?? [],
    // neon-http has no interactive transactions; the adapter's default (false) runs steps in order.
    database: drizzleAdapter(authDb, { provider: "pg", schema: authSchema, transaction: false }),
    session: {
      // Page renders trust a signed copy of the session for SESSION_CACHE_SECONDS instead of
      // reading the table (ADR 0008); /token and /get-session over HTTP still read it.
      cookieCache: { enabled: true, maxAge: SESSION_CACHE_SECONDS, strategy: "compact" },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
      requireEmailVerification,
      resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SECONDS,
      // A reset means someone else may know the old password: end every session.
      revokeSessionsOnPasswordReset: true,
      // The link leads to the site's own page, which works without JavaScript.
      sendResetPassword: ({ user, token }) =>
        mailer.send(passwordResetMail(user.email, `${siteOrigin}/reset-password?token=${encodeURIComponent(token)}`)),
    },
    emailVerification: {
      sendOnSignUp: requireEmailVerification,
      autoSignInAfterVerification: true,
      sendVerificationEmail: ({ user, url }) => mailer.send(verificationMail(user.email, url)),
    },
    // Tasks and idempotency keys go with the user (foreign keys, on delete cascade).
    user: { deleteUser: { enabled: true } },
    hooks: { before: requirePasswordToDelete },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        // Counted by the site's policy with the per-account limit, in one round trip.
        "/sign-in/email": false,
        "/sign-up/email": { window: 60, max: AUTH_ATTEMPTS_PER_MINUTE },
        "/request-password-reset": { window: 60, max: MAIL_REQUESTS_PER_MINUTE },
        "/send-verification-email": { window: 60, max: MAIL_REQUESTS_PER_MINUTE },
        "/reset-password": { window: 60, max: AUTH_ATTEMPTS_PER_MINUTE },
        "/change-password": { window: 60, max: AUTH_ATTEMPTS_PER_MINUTE },
        "/delete-user": { window: 60, max: AUTH_ATTEMPTS_PER_MINUTE },
        // Public keys: the API fetches them (through a binding, without a client IP), so one
        // shared bucket must never run dry.
        "/jwks": false,
        // A token needs a live session (a signed cookie checked before any query, then one
        // read); counting it would double its round trips (issue 13). The API limits per user.
        "/token": false,
      },
    },
    advanced: {
      // Session with user, user with accounts: one statement each (auth-relations.server.ts).
      database: { joins: true },
      // Keep origin/CSRF checks on even when NODE_ENV=test: the tests exercise them.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: settings.clientIpHeader ? [settings.clientIpHeader] : [] },
      ...(settings.runInBackground ? { backgroundTasks: { handler: settings.runInBackground } } : {}),
    },
    plugins: [
      authPolicy({ db, jwks }),
      jwt({
        // Tokens come from /token only: no header on every getSession (each page render).
        disableSettingJwtHeader: true,
        // Both /jwks and signing read the keys through the per-isolate memo.
        adapter: jwks.adapter,
        jwks: {
          keyPairConfig: { alg: "EdDSA", crv: "Ed25519" },
          // A new signing key every 30 days; the old one stays published for a day,
          // far longer than any token it signed (15 minutes) can live.
          rotationInterval: 30 * DAY,
          gracePeriod: KEY_GRACE_PERIOD,
        },
        jwt: {
          issuer: settings.siteOrigin,
          audience: settings.apiAudience,
          expirationTime: ACCESS_TOKEN_TTL,
          // The plugin adds `sub` (the user id); nothing else about the person goes in.
          definePayload: () => ({}),
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
