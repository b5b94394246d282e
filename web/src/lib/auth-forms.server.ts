/**
 * Sign-up and sign-in as plain HTML form posts, so they work before (or
 * without) any JavaScript and a password can never end up in a URL. Each post
 * goes through Better Auth's own handler, so its origin check and rate
 * limits apply exactly as they do to API calls.
 */
import { auth } from "./auth.server.ts";
import { safeReturnTo } from "./return-to.ts";
import { siteEnv } from "./site-env.server.ts";

export type AuthFormKind = "sign-up" | "sign-in";
export type AuthField = "name" | "email" | "password";

export type AuthFormResult =
  | { ok: true; cookies: string[] }
  | { ok: false; status: number; message: string; field?: AuthField | undefined; retryAfter?: string | undefined };

/** Better Auth's error codes, in words a person can act on, and the field each concerns. */
const explanations: Record<string, { message: string; field?: AuthField }> = {
  INVALID_EMAIL_OR_PASSWORD: { message: "That email and password don't match an account." },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: {
    message: "An account with this email already exists. Sign in instead.",
    field: "email",
  },
  USER_ALREADY_EXISTS: { message: "An account with this email already exists. Sign in instead.", field: "email" },
  PASSWORD_TOO_SHORT: { message: "Use at least 8 characters for your password.", field: "password" },
  PASSWORD_TOO_LONG: { message: "Use at most 128 characters for your password.", field: "password" },
  INVALID_EMAIL: { message: "Enter a valid email address, like name@example.com.", field: "email" },
};

/** Headers Better Auth needs from the person's request: origin check, session, rate-limit key. */
const FORWARDED = ["origin", "referer", "cookie", "user-agent", "cf-connecting-ip", "x-forwarded-for"];

export async function submitAuthForm(kind: AuthFormKind, form: FormData, request: Request): Promise<AuthFormResult> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const name = String(form.get("name") ?? "").trim();
  if (kind === "sign-up" && !name) return { ok: false, status: 422, message: "Enter your name.", field: "name" };
  if (!email) return { ok: false, status: 422, message: "Enter your email address.", field: "email" };
  if (!password) return { ok: false, status: 422, message: "Enter your password.", field: "password" };

  const headers = new Headers({ "content-type": "application/json" });
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const body = kind === "sign-up" ? { name, email, password } : { email, password };
  const response = await auth().handler(
    new Request(new URL(`/api/auth/${kind}/email`, siteEnv().SITE_ORIGIN), {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }),
  );
  if (response.ok) return { ok: true, cookies: response.headers.getSetCookie() };

  if (response.status === 429) {
    const wait = response.headers.get("x-retry-after") ?? response.headers.get("retry-after");
    const seconds = wait ? ` in ${wait} seconds` : " in a minute";
    return {
      ok: false,
      status: 429,
      message: `Too many attempts. Please try again${seconds}.`,
      retryAfter: wait ?? "60",
    };
  }
  const error = (await response.json().catch(() => ({}))) as { code?: string };
  const known = error.code ? explanations[error.code] : undefined;
  return {
    ok: false,
    status: response.status,
    message: known?.message ?? "Something went wrong. Please try again.",
    field: known?.field,
  };
}

/** A 303 to `location` that carries Better Auth's session cookies. */
export function redirectWithCookies(location: string, cookies: string[]): Response {
  const headers = new Headers({ location });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** What a sign-up or sign-in page renders, or the response it sends instead. */
export type AuthPage =
  | { response: Response }
  | {
      response?: undefined;
      returnTo: string;
      values: { name: string; email: string };
      error: Extract<AuthFormResult, { ok: false }> | null;
    };

/**
 * The whole of a sign-up or sign-in page's logic: a signed-in visitor goes on
 * to where they were headed; a POST is submitted, and either redirects with
 * the session cookies or is shown again with the error and what was typed
 * (never the password).
 */
export async function authFormPage(
  kind: AuthFormKind,
  {
    request,
    url,
    locals,
    response,
  }: { request: Request; url: URL; locals: App.Locals; response: ResponseInit & { headers: Headers } },
): Promise<AuthPage> {
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (locals.user) return { response: new Response(null, { status: 303, headers: { location: returnTo } }) };
  if (request.method !== "POST") return { returnTo, values: { name: "", email: "" }, error: null };
  const form = await request.formData();
  const result = await submitAuthForm(kind, form, request);
  if (result.ok) return { response: redirectWithCookies(returnTo, result.cookies) };
  response.status = result.status;
  if (result.retryAfter) response.headers.set("retry-after", result.retryAfter);
  return {
    returnTo,
    values: { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") },
    error: result,
  };
}
