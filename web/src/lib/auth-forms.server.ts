/**
 * Sign-up and sign-in as plain HTML form posts, so they work before (or
 * without) any JavaScript and a password can never end up in a URL. Each post
 * goes through Better Auth's own handler, so its origin check and rate
 * limits apply exactly as they do to API calls.
 */

import { NAME_MAX } from "./account-limits.ts";
import { callAuth, errorCodeOf, retryAfterOf } from "./auth-call.server.ts";
import { safeReturnTo } from "./return-to.ts";

export type AuthFormKind = "sign-up" | "sign-in";
export type AuthField = "name" | "email" | "password";

export type AuthFormResult =
  | { ok: true; cookies: string[] }
  | {
      ok: false;
      status: number;
      message: string;
      field?: AuthField | undefined;
      retryAfter?: string | undefined;
      /** Better Auth's code, e.g. EMAIL_NOT_VERIFIED, which offers to send the link again. */
      code?: string | undefined;
    };

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
  EMAIL_NOT_VERIFIED: { message: "Confirm your email address first: open the link we sent you." },
  NAME_TOO_LONG: { message: `Use at most ${NAME_MAX} characters for your name.`, field: "name" },
};

export async function submitAuthForm(kind: AuthFormKind, form: FormData, request: Request): Promise<AuthFormResult> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const name = String(form.get("name") ?? "").trim();
  if (kind === "sign-up" && !name) return { ok: false, status: 422, message: "Enter your name.", field: "name" };
  if (!email) return { ok: false, status: 422, message: "Enter your email address.", field: "email" };
  if (!password) return { ok: false, status: 422, message: "Enter your password.", field: "password" };

  const body = kind === "sign-up" ? { name, email, password, callbackURL: "/tasks" } : { email, password };
  const response = await callAuth(`/${kind}/email`, request, body);
  if (response.ok) return { ok: true, cookies: response.headers.getSetCookie() };

  if (response.status === 429) {
    const wait = retryAfterOf(response);
    return {
      ok: false,
      status: 429,
      message: `Too many attempts. Please try again in ${wait} seconds.`,
      retryAfter: wait,
    };
  }
  const code = await errorCodeOf(response);
  const known = code ? explanations[code] : undefined;
  return {
    ok: false,
    status: response.status,
    message: known?.message ?? "Something went wrong. Please try again.",
    field: known?.field,
    code,
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
      /** A status line for the person (a link was mailed, a password was changed). */
      notice: string | null;
    };

/** Notices other pages send people here with (`?notice=…`), so no text travels in the URL. */
const NOTICES: Record<string, string> = {
  "password-reset": "Your password is changed, and every other device is signed out. Sign in with the new one.",
  "account-deleted": "Your account and all its tasks are deleted.",
  "signed-out-everywhere": "You are signed out on every device.",
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
  const empty = { name: "", email: "" };
  if (request.method !== "POST") {
    return { returnTo, values: empty, error: null, notice: NOTICES[url.searchParams.get("notice") ?? ""] ?? null };
  }
  const form = await request.formData();
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  if (kind === "sign-in" && form.get("intent") === "resend-verification") {
    return { returnTo, values, ...(await resendVerification(values.email.trim(), request, response)) };
  }
  const result = await submitAuthForm(kind, form, request);
  if (result.ok && result.cookies.some((cookie) => cookie.includes("session_token="))) {
    return { response: redirectWithCookies(returnTo, result.cookies) };
  }
  if (result.ok) {
    // Signed up, but email verification is required before a session exists.
    const notice = `Almost there: we sent a link to ${values.email.trim()}. Open it to confirm your address, then sign in.`;
    return { returnTo, values: empty, error: null, notice };
  }
  response.status = result.status;
  if (result.retryAfter) response.headers.set("retry-after", result.retryAfter);
  return { returnTo, values, error: result, notice: null };
}

/** "Send the link again", offered when a sign-in is refused for an unconfirmed email. Rate-limited by Better Auth. */
async function resendVerification(
  email: string,
  request: Request,
  response: ResponseInit & { headers: Headers },
): Promise<Pick<Extract<AuthPage, { returnTo: string }>, "error" | "notice">> {
  const answer = await callAuth("/send-verification-email", request, { email, callbackURL: "/tasks" });
  if (answer.status === 429) {
    const wait = retryAfterOf(answer);
    response.status = 429;
    response.headers.set("retry-after", wait);
    return {
      error: { ok: false, status: 429, message: `Too many attempts. Please try again in ${wait} seconds.` },
      notice: null,
    };
  }
  // The same words whether or not the address has an account waiting.
  return { error: null, notice: `If ${email} has an account waiting for confirmation, a new link is on its way.` };
}
