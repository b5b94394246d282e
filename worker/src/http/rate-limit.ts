/**
 * Per-user rate limiting (OWASP API4) with the Workers Rate Limiting binding,
 * keyed on the verified token's `sub`: shared by every isolate in a location,
 * with nothing kept in the Worker. A refusal is a 429 problem with
 * `Retry-After` and the IETF `RateLimit`/`RateLimit-Policy` fields
 * (draft-ietf-httpapi-ratelimit-headers); every other answer carries the policy.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "../problems/problem-error.ts";
import { API_RATE_LIMIT_POLICY } from "./rate-limit-policy.ts";

/** `RateLimit-Policy: "per-user";q=300;w=60` */
export const rateLimitPolicyHeader = `"${API_RATE_LIMIT_POLICY.name}";q=${API_RATE_LIMIT_POLICY.limit};w=${API_RATE_LIMIT_POLICY.period}`;

/**
 * The binding does not say when its window ends, so a refusal names the
 * whole period: a client that waits that long is never refused for waiting too little.
 */
const refusalHeaders = {
  "retry-after": String(API_RATE_LIMIT_POLICY.period),
  ratelimit: `"${API_RATE_LIMIT_POLICY.name}";r=0;t=${API_RATE_LIMIT_POLICY.period}`,
  "ratelimit-policy": rateLimitPolicyHeader,
};

/**
 * First on /api/{user_id}/*: every answer there, problems included, names the
 * policy and its limit (`X-RateLimit-Limit`, the request count per window),
 * which clients and the OWASP ruleset look for. What remains of the quota is
 * not known: the binding does not say.
 */
export const rateLimitFields: MiddlewareHandler<AppEnv> = async function rateLimitFields(c, next) {
  await next();
  c.res.headers.set("ratelimit-policy", rateLimitPolicyHeader);
  c.res.headers.set("x-ratelimit-limit", String(API_RATE_LIMIT_POLICY.limit));
};

/** After requireUser: counts the request against the caller's `sub`, and refuses it past the limit. */
export const rateLimitPerUser: MiddlewareHandler<AppEnv> = async function rateLimitPerUser(c, next) {
  const limiter = c.env.API_RATE_LIMIT;
  if (!limiter) throw new Error("The API_RATE_LIMIT binding is missing: see ratelimits in wrangler.jsonc");
  const { success } = await limiter.limit({ key: c.var.userId });
  if (!success) {
    throw new ProblemError("RATE_LIMITED", {
      detail: `At most ${API_RATE_LIMIT_POLICY.limit} requests per ${API_RATE_LIMIT_POLICY.period} seconds per user; retry after Retry-After seconds.`,
      headers: refusalHeaders,
    });
  }
  await next();
};
