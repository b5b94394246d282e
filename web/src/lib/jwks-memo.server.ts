/**
 * The signing keys, read from the database once per isolate rather than on
 * every anonymous GET /api/auth/jwks (and every /token). Plugged into Better
 * Auth's JWT plugin as its key store (`jwt({ adapter })`), so both publishing
 * and signing read the memo.
 *
 * Keys change only at moments the memo can foresee: a new key is minted once
 * every key has expired (rotation), and a key leaves the published set when
 * its grace period ends. The memo is never kept past the earlier of those, nor
 * past `maxAgeSeconds`, and a key minted by this isolate replaces it at once.
 * So neither the memo nor a cache obeying its `Cache-Control` serves a stale
 * key set for longer than that (see spec 002 FR-014).
 *
 * Signing (every path but /jwks) keeps the keys it last read for as long as one
 * of them is live, past the 5 minutes: a key stays valid and published until it
 * expires, so minting a token reads no table (issue 13, spec 002 FR-014).
 */
import type { GenericEndpointContext } from "better-auth";
import type { Jwk } from "better-auth/plugins/jwt";

export interface JwksMemoOptions {
  /** How long a key stays published after it expires (the JWT plugin's gracePeriod). */
  gracePeriodSeconds: number;
  /** The longest the memo (and a public cache) keeps a key set. */
  maxAgeSeconds: number;
}

interface Held {
  keys: Jwk[];
  validUntil: number;
}

/** The earliest moment after `now` at which the key set in the database can change by itself. */
function nextChange(keys: Jwk[], gracePeriodMs: number, now: number): number {
  // A new key is minted only once every key has expired; a key without expiry never does.
  const rotation = keys.some((key) => !key.expiresAt)
    ? Number.POSITIVE_INFINITY
    : Math.max(...keys.map((key) => key.expiresAt?.getTime() ?? 0));
  const withdrawals = keys
    .map((key) => (key.expiresAt ? key.expiresAt.getTime() + gracePeriodMs : Number.POSITIVE_INFINITY))
    .filter((at) => at > now);
  return Math.min(rotation, ...withdrawals);
}

export function createJwksMemo({ gracePeriodSeconds, maxAgeSeconds }: JwksMemoOptions) {
  let held: Held | undefined;
  /** The keys last read, kept for signing while one of them is live. */
  let signing: Jwk[] | undefined;
  let loading: Promise<Jwk[]> | undefined;
  /** Bumped when this isolate mints a key, so a read that started before cannot keep the old set. */
  let generation = 0;

  async function load(ctx: GenericEndpointContext): Promise<Jwk[]> {
    const started = generation;
    const keys = await ctx.context.adapter.findMany<Jwk>({ model: "jwks" });
    const now = Date.now();
    const validUntil = Math.min(now + maxAgeSeconds * 1000, nextChange(keys, gracePeriodSeconds * 1000, now));
    // No keys yet, or rotation is due: the next request may mint one, so nothing is kept.
    held = keys.length > 0 && validUntil > now && started === generation ? { keys, validUntil } : undefined;
    if (started === generation) signing = keys;
    return keys;
  }

  return {
    /** The JWT plugin's key store: reads through the memo, and drops it when this isolate mints a key. */
    adapter: {
      async getJwks(ctx: GenericEndpointContext): Promise<Jwk[]> {
        const now = Date.now();
        if (held && held.validUntil > now) return held.keys;
        if (ctx.path !== "/jwks" && signing?.some((key) => !key.expiresAt || key.expiresAt.getTime() > now)) {
          return signing;
        }
        loading ??= load(ctx).finally(() => {
          loading = undefined;
        });
        return loading;
      },
      async createJwk(data: Omit<Jwk, "id">, ctx: GenericEndpointContext): Promise<Jwk> {
        generation++;
        held = undefined;
        signing = undefined;
        loading = undefined;
        const key = await ctx.context.adapter.create<Omit<Jwk, "id">, Jwk>({
          model: "jwks",
          data: { ...data, createdAt: new Date() },
        });
        generation++;
        held = undefined;
        signing = undefined;
        loading = undefined;
        return key;
      },
    },
    /** `Cache-Control` for the key set just served: public for as long as the memo may keep it. */
    cacheControl(): string {
      const seconds = held ? Math.floor((held.validUntil - Date.now()) / 1000) : 0;
      return seconds > 0 ? `public, max-age=${seconds}` : "no-cache";
    },
  };
}

export type JwksMemo = ReturnType<typeof createJwksMemo>;
