/**
 * /account: change name, change password, see and sign out devices, delete
 * the account. Each is a plain form posting an `intent`, handled here through
 * Better Auth's own endpoints (so its rate limits and checks apply), then a
 * redirect back with a notice (post/redirect/get), or the page again with
 * the error next to its form.
 */

import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./account-limits.ts";
import { callAuth, errorCodeOf, retryAfterOf } from "./auth-call.server.ts";
import { redirectWithCookies } from "./auth-forms.server.ts";

export type AccountSection = "name" | "password" | "devices" | "delete";

export interface Device {
  id: string;
  /** The browser, as its user agent says, shortened. */
  label: string;
  signedInAt: string;
  current: boolean;
}

export type AccountPage =
  | { response: Response }
  | {
      response?: undefined;
      devices: Device[];
      error: { section: AccountSection; message: string } | null;
      notice: string | null;
    };

const NOTICES: Record<string, string> = {
  name: "Your name is saved.",
  password: "Your password is changed.",
  "password-others": "Your password is changed, and your other devices are signed out.",
  device: "That device is signed out.",
};

const ERRORS: Record<string, string> = {
  INVALID_PASSWORD: "That is not your current password.",
  PASSWORD_TOO_SHORT: `Use at least ${PASSWORD_MIN} characters for your password.`,
  PASSWORD_TOO_LONG: `Use at most ${PASSWORD_MAX} characters for your password.`,
  CREDENTIAL_ACCOUNT_NOT_FOUND: "This account has no password to check.",
};

type Session = { id: string; token: string; userAgent?: string | null; createdAt: string };

async function sessions(request: Request): Promise<Session[]> {
  const answer = await callAuth("/list-sessions", request, undefined, "GET");
  return answer.ok ? ((await answer.json()) as Session[]) : [];
}

function describe(userAgent: string | null | undefined): string {
  const agent = userAgent ?? "";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "A browser";
  const system = /Android/.test(agent)
    ? "Android"
    : /iPhone|iPad/.test(agent)
      ? "iOS"
      : /Mac OS X/.test(agent)
        ? "macOS"
        : /Windows/.test(agent)
          ? "Windows"
          : /Linux/.test(agent)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${system}`;
}

const back = (notice: string, cookies: string[] = []) => redirectWithCookies(`/account?notice=${notice}`, cookies);

/** Runs one form's intent; returns a redirect, or the error to show beside that form. */
async function act(
  intent: string,
  form: FormData,
  request: Request,
  currentSessionId: string,
): Promise<Response | { section: AccountSection; message: string; status: number }> {
  const field = (name: string) => String(form.get(name) ?? "");
  let section: AccountSection;
  let answer: Response;
  switch (intent) {
    case "name": {
      section = "name";
      const name = field("name").trim();
      if (!name || name.length > NAME_MAX) {
        return { section, message: `Enter a name of 1 to ${NAME_MAX} characters.`, status: 422 };
      }
      answer = await callAuth("/update-user", request, { name });
      if (answer.ok) return back("name");
      break;
    }
    case "password": {
      section = "password";
      const newPassword = field("newPassword");
      if (newPassword.length < PASSWORD_MIN || newPassword.length > PASSWORD_MAX) {
        return {
          section,
          message: `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters for your new password.`,
          status: 422,
        };
      }
      const revokeOtherSessions = form.get("signOutOthers") === "on";
      answer = await callAuth("/change-password", request, {
        currentPassword: field("currentPassword"),
        newPassword,
        revokeOtherSessions,
      });
      // Revoking the others issues this device a fresh session cookie: pass it on.
      if (answer.ok) return back(revokeOtherSessions ? "password-others" : "password", answer.headers.getSetCookie());
      break;
    }
    case "sign-out-device": {
      section = "devices";
      const target = (await sessions(request)).find((session) => session.id === field("sessionId"));
      if (!target || target.id === currentSessionId) {
        return { section, message: "That device is already signed out.", status: 404 };
      }
      answer = await callAuth("/revoke-session", request, { token: target.token });
      if (answer.ok) return back("device");
      break;
    }
    case "sign-out-everywhere": {
      section = "devices";
      answer = await callAuth("/revoke-sessions", request, {});
      // This device's session is among those ended, so the sign-in page is where it lands.
      if (answer.ok) return redirectWithCookies("/sign-in?notice=signed-out-everywhere", answer.headers.getSetCookie());
      break;
    }
    case "delete": {
      section = "delete";
      answer = await callAuth("/delete-user", request, { password: field("password") });
      if (answer.ok) return redirectWithCookies("/sign-in?notice=account-deleted", answer.headers.getSetCookie());
      break;
    }
    default:
      return { section: "name", message: "That form is not known here.", status: 400 };
  }
  if (answer.status === 429) {
    return { section, message: `Too many attempts. Please try again in ${retryAfterOf(answer)} seconds.`, status: 429 };
  }
  const code = await errorCodeOf(answer);
  return {
    section,
    message: (code && ERRORS[code]) ?? "That did not work. Please try again.",
    status: answer.status >= 500 ? 503 : answer.status,
  };
}

export async function accountPage(
  { request, url, response }: { request: Request; url: URL; response: ResponseInit & { headers: Headers } },
  currentSessionId: string,
): Promise<AccountPage> {
  let error: { section: AccountSection; message: string } | null = null;
  if (request.method === "POST") {
    const form = await request.formData();
    const outcome = await act(String(form.get("intent") ?? ""), form, request, currentSessionId);
    if (outcome instanceof Response) return { response: outcome };
    response.status = outcome.status;
    error = { section: outcome.section, message: outcome.message };
  }
  const devices = (await sessions(request))
    .map((session) => ({
      id: session.id,
      label: describe(session.userAgent),
      signedInAt: session.createdAt,
      current: session.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.signedInAt.localeCompare(a.signedInAt));
  return { devices, error, notice: error ? null : (NOTICES[url.searchParams.get("notice") ?? ""] ?? null) };
}
