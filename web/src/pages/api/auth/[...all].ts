/** Better Auth's routes: sign-up, sign-in, sign-out, /token and /jwks. */
import type { APIRoute } from "astro";
import { auth } from "../../../lib/auth.server.ts";

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  const response = await auth().handler(request);
  // Better Auth says how long to wait in X-Retry-After; HTTP clients look for Retry-After (RFC 9110).
  const wait = response.headers.get("x-retry-after");
  if (response.status === 429 && wait && !response.headers.has("retry-after")) {
    const headers = new Headers(response.headers);
    headers.set("retry-after", wait);
    return new Response(response.body, { status: 429, statusText: response.statusText, headers });
  }
  return response;
};
