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

export type LimitDecision = { allowed: true } | { allowed: false; retryAfter: number; refusedBy: string[] };

/**
 * The row key for an email address: hashed, so the table never holds the
 * addresses people tried (including ones with no account), and prefixed so
 * it can never match Better Auth's `<ip>|<path>` keys.
 */
export async function accountKey(email: string, path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(email.trim().toLowerCase()));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `account:${hex}|${path}`;
}

/** One counter to step: its row key and its limit. */
export interface Bucket {
  key: string;
  limit: AccountLimit;
}

/**
 * Counts one attempt in every bucket at once (one statement, so one round trip
 * for the per-address and the per-account limit together) and says whether it
 * may go ahead. The first attempt after a window has passed starts a new one.
 * `last_request` holds the window's start, so Better Auth's pruning (rows older
 * than its longest window, which includes these) never drops a row mid-window.
 * Refused, the wait is the longest among the buckets over their limit.
 */
export async function consumeAttempts(db: NeonHttpDatabase, buckets: readonly Bucket[]): Promise<LimitDecision> {
  const now = Date.now();
  const attempts = buckets.map(
    ({ key, limit }) => sql`(${crypto.randomUUID()}::text, ${key}::text, ${now - limit.window * 1000}::bigint)`,
  );
  const expired = sql`(select expired from attempt where attempt.key = excluded.key)`;
  const result = await db.execute<{ key: string; count: number; last_request: string }>(sql`
    with attempt (id, key, expired) as (values ${sql.join(attempts, sql`, `)})
    insert into rate_limit (id, key, count, last_request)
    select id, key, 1, ${now}::bigint from attempt
    on conflict (key) do update set
      count = case when rate_limit.last_request <= ${expired} then 1 else rate_limit.count + 1 end,
      last_request = case when rate_limit.last_request <= ${expired} then ${now}::bigint else rate_limit.last_request end
    returning key, count, last_request`);
  let retryAfter = 0;
  const refusedBy: string[] = [];
  for (const row of result.rows) {
    const bucket = buckets.find((b) => b.key === row.key);
    if (!bucket || Number(row.count) <= bucket.limit.max) continue;
    const windowEnds = Number(row.last_request) + bucket.limit.window * 1000;
    retryAfter = Math.max(retryAfter, Math.max(1, Math.ceil((windowEnds - now) / 1000)));
    refusedBy.push(bucket.key);
  }
  return refusedBy.length > 0 ? { allowed: false, retryAfter, refusedBy } : { allowed: true };
}
