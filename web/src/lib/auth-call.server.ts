/**
 * Calls one of Better Auth's own endpoints on behalf of the person making this
 * request, the way their browser would: same cookies, origin and address. The
 * site's server-handled forms go through here, so Better Auth's origin check,
 * rate limits and session rules apply to them exactly as to API clients.
 */
import { auth } from "./auth.server.ts";
import { siteEnv } from "./site-env.server.ts";

/** Headers Better Auth needs from the person's request: origin check, session, rate-limit key. */
const FORWARDED = ["origin", "referer", "cookie", "user-agent", "cf-connecting-ip", "x-forwarded-for"];

export function callAuth(
  path: `/${string}`,
  request: Request,
  body?: Record<string, unknown>,
  method: "GET" | "POST" = "POST",
): Promise<Response> {
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const init: RequestInit = { method, headers };
  if (body) {
    headers.set("content-type", "application/json");
    init.body = JSON.stringify(body);
  }
  return auth().handler(new Request(new URL(`/api/auth${path}`, siteEnv().SITE_ORIGIN), init));
}

/** A 429's wait, in seconds, as Better Auth reports it. */
export function retryAfterOf(response: Response): string {
  return response.headers.get("x-retry-after") ?? response.headers.get("retry-after") ?? "60";
}

/** Better Auth's error code from a failed call, if it sent one. */
export async function errorCodeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => ({}))) as { code?: unknown };
  return typeof body.code === "string" ? body.code : undefined;
}
