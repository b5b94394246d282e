/**
 * Resolves the session once per page request, and sends signed-out visitors
 * away from pages that need a person.
 */
import { defineMiddleware } from "astro:middleware";
import { auth } from "./lib/auth.server.ts";

const SIGNED_IN_ONLY = ["/tasks"];

export const onRequest = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  if (pathname.startsWith("/api/auth/")) {
    context.locals.user = null;
    return next();
  }
  const session = await auth().api.getSession({ headers: context.request.headers });
  context.locals.user = session?.user ?? null;
  if (!session && SIGNED_IN_ONLY.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const returnTo = encodeURIComponent(pathname + context.url.search);
    return context.redirect(`/sign-in?returnTo=${returnTo}`, 303);
  }
  return next();
});
