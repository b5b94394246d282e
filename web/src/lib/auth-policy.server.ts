/**
 * The site's own rules around Better Auth's endpoints, as a Better Auth
 * plugin so that the site and the Node test stack apply them alike:
 * - a name of at most NAME_MAX characters (the access token must stay small);
 * - sign-in attempts limited per account, beside Better Auth's per-IP limit;
 * - `Cache-Control: no-store` on every private answer (sessions, tokens, errors);
 * - `Cache-Control: public, max-age=…` on the public key set, served from the memo.
 */
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { type AccountLimit, consumeAccountAttempt } from "./account-limit.server.ts";
import { NAME_MAX } from "./account-limits.ts";
import type { JwksMemo } from "./jwks-memo.server.ts";

/** Sign-in attempts per account (email address), whatever address they come from. */
export const ACCOUNT_SIGN_IN_LIMIT: AccountLimit = { max: 10, window: 15 * 60 };

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
            const decision = await consumeAccountAttempt(db, email, ctx.path, ACCOUNT_SIGN_IN_LIMIT);
            if (!decision.allowed) {
              // The same answer as Better Auth's own limiter, so the forms treat both alike.
              throw new APIError(
                "TOO_MANY_REQUESTS",
                { message: "Too many requests. Please try again later.", code: "TOO_MANY_ATTEMPTS_FOR_ACCOUNT" },
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
