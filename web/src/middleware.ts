/**
 * Resolves the session once per page request, and sends signed-out visitors
 * away from pages that need a person. The session comes from Better Auth's
 * signed cookie cache while it is fresh (no database round trip, ADR 0008);
 * when Better Auth reads the table instead, it renews the cache cookie, which
 * is passed on with the page.
 */
import { defineMiddleware } from "astro:middleware";
import { auth } from "./lib/auth.server.ts";
import { siteEnv } from "./lib/site-env.server.ts";

const SIGNED_IN_ONLY = ["/tasks", "/account"];
/**
 * Pages that read the session table even while the cache is fresh: where a
 * person signed out elsewhere lands (so they are not sent back to /tasks) and
 * the account page, which lists the sessions anyway.
 */
const AUTHORITATIVE = ["/sign-in", "/sign-up", "/account"];

/** Headers for every response; the CSP itself comes from Astro (astro.config.mjs). */
function secure(response: Response): Response {
  const headers = response.headers;
  headers.set("x-content-type-options", "nosniff");
  headers.set("x-frame-options", "DENY");
  // A page may ask for less (the reset page sends no referrer to other sites: its URL holds a token).
  if (!headers.has("referrer-policy")) headers.set("referrer-policy", "strict-origin-when-cross-origin");
  headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  headers.set("cross-origin-opener-policy", "same-origin");
  if (siteEnv().SITE_ORIGIN.startsWith("https://")) {
    headers.set("strict-transport-security", "max-age=63072000; includeSubDomains; preload");
  }
  return response;
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  if (pathname.startsWith("/api/auth/")) {
    context.locals.user = null;
    context.locals.sessionId = null;
    return secure(await next());
  }
  const { headers: sessionHeaders, response: session } = await auth().api.getSession({
    headers: context.request.headers,
    query: { disableCookieCache: AUTHORITATIVE.includes(pathname) },
    returnHeaders: true,
  });
  const withSessionCookies = (response: Response) => {
    for (const cookie of sessionHeaders.getSetCookie()) response.headers.append("set-cookie", cookie);
    return secure(response);
  };
  context.locals.user = session?.user ?? null;
  context.locals.sessionId = session?.session.id ?? null;
  if (!session && SIGNED_IN_ONLY.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const returnTo = encodeURIComponent(pathname + context.url.search);
    return withSessionCookies(context.redirect(`/sign-in?returnTo=${returnTo}`, 303));
  }
  // Pages depend on the session: never let a shared cache keep one person's page.
  const response = await next();
  if (!response.headers.has("cache-control")) response.headers.set("cache-control", "private, no-store");
  return withSessionCookies(response);
});
