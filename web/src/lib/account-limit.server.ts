/**
 * Sign-in attempts per account, beside Better Auth's per-IP limit: a botnet
 * guessing one person's password from many addresses is slowed down too.
 * Counted in the same `rate_limit` table as Better Auth's own limits (shared
 * by every isolate), in one atomic statement per attempt.
 */
import { sql } from "drizzle-orm";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";

export interface AccountLimit {
  /** Attempts allowed per account in one window. */
  max: number;
  /** The window, in seconds, counted from an account's first attempt in it. */
  window: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * The row key for an email address: hashed, so the table never holds the
 * addresses people tried (including ones with no account), and prefixed so
 * it can never match Better Auth's `<ip>|<path>` keys.
 */
async function accountKey(email: string, path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(email.trim().toLowerCase()));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `account:${hex}|${path}`;
}

/**
 * Counts one attempt for `email` and says whether it may go ahead. The first
 * attempt after a window has passed starts a new one. `last_request` holds the
 * window's start, so Better Auth's pruning (rows older than its longest
 * window, which includes this one) never drops a row mid-window.
 */
export async function consumeAccountAttempt(
  db: NeonHttpDatabase,
  email: string,
  path: string,
  limit: AccountLimit,
): Promise<LimitDecision> {
  const key = await accountKey(email, path);
  const now = Date.now();
  const expired = now - limit.window * 1000;
  const result = await db.execute<{ count: number; last_request: string }>(sql`
    insert into rate_limit (id, key, count, last_request)
    values (${crypto.randomUUID()}, ${key}, 1, ${now})
    on conflict (key) do update set
      count = case when rate_limit.last_request <= ${expired} then 1 else rate_limit.count + 1 end,
      last_request = case when rate_limit.last_request <= ${expired} then ${now} else rate_limit.last_request end
    returning count, last_request`);
  const row = result.rows[0];
  if (!row || row.count <= limit.max) return { allowed: true };
  const windowEnds = Number(row.last_request) + limit.window * 1000;
  return { allowed: false, retryAfter: Math.max(1, Math.ceil((windowEnds - now) / 1000)) };
}
