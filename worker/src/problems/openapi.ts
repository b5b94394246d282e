/**
 * The problem document in OpenAPI, and a helper that declares a route's error
 * responses so both the document and the typed client know about them.
 */
import { z } from "@hono/zod-openapi";
import { problemCodes } from "./codes.ts";

export const Problem = z
  .object({
    type: z.string().openapi({ example: "/problems/task-not-found" }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    code: z.enum(Object.keys(problemCodes) as [keyof typeof problemCodes, ...(keyof typeof problemCodes)[]]),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details" });

const descriptions = {
  400: "Malformed request",
  401: "Missing or invalid access token",
  403: "The path's user id is not the token's subject",
  404: "Not found, or not the caller's",
  409: "A request with the same Idempotency-Key is still in progress, or the list holds the most tasks it may",
  410: "Deleted too long ago: the restore window has passed",
  412: "If-Match did not match: the task changed; the current ETag is in the ETag header",
  413: "Request body too large",
  415: "Request body is not JSON",
  422: "Validation failed; every field at fault is listed",
  429: "Too many requests from this user; retry after Retry-After seconds",
  503: "A dependency is unavailable; retry after Retry-After seconds",
} as const;

type ProblemStatus = keyof typeof descriptions;

/** The fields a 429 carries (RFC 9110 Retry-After; draft-ietf-httpapi-ratelimit-headers). */
const rateLimitHeaders = {
  "Retry-After": { schema: { type: "string" as const }, description: "Seconds to wait before retrying" },
  RateLimit: {
    schema: { type: "string" as const },
    description: 'What is left of the quota and when it resets, e.g. "per-user";r=0;t=60',
  },
  "RateLimit-Policy": {
    schema: { type: "string" as const },
    description: 'The quota and its window in seconds, e.g. "per-user";q=300;w=60 (also sent on every other answer)',
  },
};

/** `responses: { 200: …, ...problemResponses(401, 404) }` */
export function problemResponses<const S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status],
        ...(status === 429 ? { headers: rateLimitHeaders } : {}),
        content: { "application/problem+json": { schema: Problem } },
      },
    ]),
  ) as unknown as {
    [K in S]: { description: string; content: { "application/problem+json": { schema: typeof Problem } } };
  };
}
