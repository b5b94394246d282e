/**
 * Forgot password and reset password, as server-handled forms that work
 * without JavaScript. Both go through Better Auth's own endpoints
 * (`/request-password-reset`, `/reset-password`), so its rate limits,
 * single-use tokens and one-hour expiry apply; a reset signs out every
 * session (revokeSessionsOnPasswordReset).
 */

import { PASSWORD_MAX, PASSWORD_MIN } from "./account-limits.ts";
import { callAuth, errorCodeOf, retryAfterOf } from "./auth-call.server.ts";

type PageResponse = ResponseInit & { headers: Headers };

export interface FormState {
  /** What the person sees after posting: an error (role=alert) or a notice (role=status). */
  error: string | null;
  notice: string | null;
  /** The email typed, to show again. */
  email: string;
}

function tooMany(answer: Response, response: PageResponse): FormState {
  const wait = retryAfterOf(answer);
  response.status = 429;
  response.headers.set("retry-after", wait);
  return { error: `Too many attempts. Please try again in ${wait} seconds.`, notice: null, email: "" };
}

/**
 * The same answer, status and shape for every well-formed email, whether or
 * not it has an account: the page must not reveal who has signed up.
 */
export async function forgotPasswordPage(request: Request, response: PageResponse): Promise<FormState> {
  if (request.method !== "POST") return { error: null, notice: null, email: "" };
  const email = String((await request.formData()).get("email") ?? "").trim();
  if (!email || email.length > 254 || !email.includes("@")) {
    response.status = 422;
    return { error: "Enter your email address, like name@example.com.", notice: null, email };
  }
  const answer = await callAuth("/request-password-reset", request, { email });
  if (answer.status === 429) return tooMany(answer, response);
  return {
    error: null,
    notice: `If an account exists for ${email}, we sent it a link to choose a new password. The link works once, for one hour.`,
    email: "",
  };
}

export type ResetPage = { response: Response } | { response?: undefined; token: string; error: string | null };

const RESET_ERRORS: Record<string, string> = {
  INVALID_TOKEN: "This link has expired or was already used. Ask for a new one below.",
  PASSWORD_TOO_SHORT: `Use at least ${PASSWORD_MIN} characters for your password.`,
  PASSWORD_TOO_LONG: `Use at most ${PASSWORD_MAX} characters for your password.`,
};

export async function resetPasswordPage(request: Request, url: URL, response: PageResponse): Promise<ResetPage> {
  if (request.method !== "POST") return { token: url.searchParams.get("token") ?? "", error: null };
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const newPassword = String(form.get("password") ?? "");
  if (!token) {
    response.status = 422;
    return { token, error: RESET_ERRORS.INVALID_TOKEN ?? null };
  }
  if (newPassword.length < PASSWORD_MIN || newPassword.length > PASSWORD_MAX) {
    response.status = 422;
    return { token, error: `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters for your password.` };
  }
  const answer = await callAuth("/reset-password", request, { token, newPassword });
  if (answer.ok)
    return { response: new Response(null, { status: 303, headers: { location: "/sign-in?notice=password-reset" } }) };
  if (answer.status === 429) return { token, error: tooMany(answer, response).error };
  response.status = answer.status >= 500 ? 503 : answer.status;
  const code = await errorCodeOf(answer);
  return { token, error: (code && RESET_ERRORS[code]) ?? "That did not work. Ask for a new link below." };
}
