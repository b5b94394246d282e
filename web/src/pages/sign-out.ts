/**
 * Sign-out as a plain form POST (works without JavaScript): Better Auth ends
 * the session and clears its cookie, then the person lands on the home page.
 * Astro's origin check refuses cross-site posts to this route.
 */
import type { APIRoute } from "astro";
import { auth } from "../lib/auth.server.ts";
import { redirectWithCookies } from "../lib/auth-forms.server.ts";

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const result = await auth().api.signOut({ headers: request.headers, asResponse: true });
  return redirectWithCookies("/", result.headers.getSetCookie());
};
