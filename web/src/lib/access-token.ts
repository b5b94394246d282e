/**
 * The browser's API access token: fetched from Better Auth's /api/auth/token
 * with the session cookie, kept in memory only (never in storage), renewed a
 * minute before it expires, and fetched once however many calls are waiting.
 */

const RENEW_BEFORE_MS = 60_000;

interface Held {
  token: string;
  expiresAt: number;
}

let held: Held | undefined;
let pending: Promise<Held> | undefined;

/** Thrown when the person is no longer signed in: the page should send them to sign in. */
export class SignedOutError extends Error {
  override name = "SignedOutError";
}

function expiryOf(token: string): number {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
  const { exp } = JSON.parse(json) as { exp?: number };
  return typeof exp === "number" ? exp * 1000 : 0;
}

async function fetchToken(): Promise<Held> {
  const response = await fetch("/api/auth/token", { credentials: "same-origin" });
  if (response.status === 401) throw new SignedOutError("Your session has ended. Please sign in again.");
  if (!response.ok) throw new Error(`Could not get an access token (HTTP ${response.status}).`);
  const { token } = (await response.json()) as { token: string };
  return { token, expiresAt: expiryOf(token) };
}

/** A valid access token; `fresh` skips the one held (after the API refused it). */
export async function accessToken({ fresh = false } = {}): Promise<string> {
  if (!fresh && held && held.expiresAt - RENEW_BEFORE_MS > Date.now()) return held.token;
  pending ??= fetchToken().finally(() => {
    pending = undefined;
  });
  held = await pending;
  return held.token;
}
