/**
 * The per-user API rate limit, as wrangler.jsonc's `ratelimits` binding
 * API_RATE_LIMIT declares it. The binding answers only "allowed or not", so
 * the figures the RateLimit headers advertise are restated here, and
 * scripts/deploy.ts refuses a configuration that disagrees.
 */
export const API_RATE_LIMIT_POLICY = { name: "per-user", limit: 300, period: 60 } as const;
