/**
 * The site's own rules around Better Auth's endpoints, as a Better Auth
 * plugin so that the site and the Node test stack apply them alike:
 * - a name of at most NAME_MAX characters (the access token must stay small);
 * - sign-in attempts limited per account, beside Better Auth's per-IP limit;
 * - `Cache-Control: no-store` on every private answer (sessions, tokens, errors);
 * - `Cache-Control: public, max-age=…` on the public key set, served from the memo;
 * - `/token` and `/get-session` over HTTP read the session table, never the
 *   cookie cache, so a revoked session gets no token (ADR 0008).
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP } from "better-auth/api";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { type AccountLimit, accountKey, consumeAttempts } from "./account-limit.server.ts";
import { NAME_MAX } from "./account-limits.ts";
import type { JwksMemo } from "./jwks-memo.server.ts";

/** Sign-in attempts per account (email address), whatever address they come from. */
export const ACCOUNT_SIGN_IN_LIMIT: AccountLimit = { max: 10, window: 15 * 60 };

/**
 * Sign-in attempts per client address per minute. Counted here with the
 * per-account limit, in one statement, rather than by Better Auth's limiter
 * (two more round trips per sign-in, issue 13); the row keys are Better Auth's.
 */
export const ADDRESS_SIGN_IN_LIMIT: AccountLimit = { max: 5, window: 60 };

const nameTooLong = () =>
  new APIError("BAD_REQUEST", {
    message: `Name must be at most ${NAME_MAX} characters.`,
    code: "NAME_TOO_LONG",
  });

export function authPolicy({ db, jwks }: { db: NeonHttpDatabase; jwks: JwksMemo }) {
  return {
    id: "site-policy",
    // Never matches a path: listed so that Better Auth, which prunes `rate_limit` rows older
    // than its longest window, keeps the per-account rows for their whole window.
    rateLimit: [{ ...ACCOUNT_SIGN_IN_LIMIT, pathMatcher: () => false }],
    hooks: {
      before: [
        {
          // Only page renders (server-side calls, no request) may trust the cookie cache.
          matcher: (ctx) => (ctx.path === "/token" || ctx.path === "/get-session") && ctx.request !== undefined,
          handler: createAuthMiddleware(async (ctx) => ({
            context: { query: { ...ctx.query, disableCookieCache: true } },
          })),
        },
        {
          matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
          handler: createAuthMiddleware(async (ctx) => {
            const name: unknown = ctx.body?.name;
            if (typeof name === "string" && name.length > NAME_MAX) throw nameTooLong();
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email: unknown = ctx.body?.email;
            if (typeof email !== "string") return;
            // Better Auth's own key for the address: `<ip>|<path>`, one shared bucket when none is trusted.
            const address = getIP(ctx.request ?? ctx.headers ?? new Headers(), ctx.context.options) ?? "no-trusted-ip";
            const account = await accountKey(email, ctx.path);
            const decision = await consumeAttempts(db, [
              { key: `${address}|${ctx.path}`, limit: ADDRESS_SIGN_IN_LIMIT },
              { key: account, limit: ACCOUNT_SIGN_IN_LIMIT },
            ]);
            if (!decision.allowed) {
              // The same answer as Better Auth's own limiter, so the forms treat both alike.
              throw new APIError(
                "TOO_MANY_REQUESTS",
                {
                  message: "Too many requests. Please try again later.",
                  code: decision.refusedBy.includes(account) ? "TOO_MANY_ATTEMPTS_FOR_ACCOUNT" : "TOO_MANY_REQUESTS",
                },
                { "X-Retry-After": String(decision.retryAfter) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/jwks",
          handler: createAuthMiddleware(async (ctx) => {
            ctx.setHeader("Cache-Control", jwks.cacheControl());
          }),
        },
      ],
    },
    // Everything else here depends on who is asking: never let a cache keep it.
    async onResponse(response) {
      if (response.headers.has("cache-control")) return;
      const headers = new Headers(response.headers);
      headers.set("Cache-Control", "no-store");
      return {
        response: new Response(response.body, { status: response.status, statusText: response.statusText, headers }),
      };
    },
  } satisfies BetterAuthPlugin;
}
